-- workplan language server, nvim-lspconfig style (Neovim 0.11+).
--
-- Put this file at ~/.config/nvim/lsp/workplan.lua (or add editors/neovim to 'runtimepath'),
-- then in init.lua:
--
--   vim.lsp.enable('workplan')
--
-- Override any field with vim.lsp.config('workplan', { ... }) before enabling, e.g. the
-- command when `workplan` is not on PATH:
--
--   vim.lsp.config('workplan', { cmd = { '/path/to/workplan', 'lsp' } })
return {
  cmd = { 'workplan', 'lsp' },
  filetypes = { 'text', 'markdown' },
  -- The folder with workplan.toml (rules, range style, lexicon, ignored findings) is the
  -- workspace; else the repository.
  root_markers = { 'workplan.toml', '.git' },
  -- The same keys as workplan.toml; workplan.toml wins where both say something.
  settings = {
    workplan = {
      rules = {}, -- e.g. { ['unit.space'] = 'off', ['numbering.mixed-style'] = 'warning' }
      rangeStyle = '~', -- or '—'
    },
  },
}
