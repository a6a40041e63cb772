-- workplan language server for Neovim 0.7+ without plugins: vim.lsp.start (0.8+), or
-- vim.lsp.start_client + vim.lsp.buf_attach_client on 0.7.
--
-- Put this file at ~/.config/nvim/lua/workplan.lua (or add editors/neovim to 'runtimepath'),
-- then in init.lua:
--
--   require('workplan').setup()
--   -- or: require('workplan').setup({ cmd = { '/path/to/workplan', 'lsp' },
--   --                                 settings = { workplan = { rules = { ['unit.space'] = 'off' } } } })
--
-- Text (.txt) and Markdown buffers then start (or join) a workplan server for their workspace:
-- the nearest folder above with workplan.toml, else with .git, else the file's folder.
local M = {}

M.defaults = {
  name = 'workplan',
  cmd = { 'workplan', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'workplan.toml', '.git' },
  -- The same keys as workplan.toml; workplan.toml wins where both say something.
  settings = { workplan = { rules = {}, rangeStyle = '~' } },
}

-- One client per workspace folder on Neovim 0.7 (vim.lsp.start does this itself on 0.8+).
local clients = {}

local function root_dir(bufnr, markers)
  local file = vim.api.nvim_buf_get_name(bufnr)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  for _, marker in ipairs(markers) do
    local found = vim.fn.findfile(marker, dir .. ';')
    if found == '' then
      found = vim.fn.finddir(marker, dir .. ';')
    end
    if found ~= '' then
      return vim.fn.fnamemodify(found, ':p:h'):gsub('/%.git/?$', ''):gsub('/$', '')
    end
  end
  return dir
end

function M.start(bufnr, config)
  config = config or M.config or M.defaults
  if vim.api.nvim_buf_get_option(bufnr, 'buftype') ~= '' or vim.api.nvim_buf_get_name(bufnr) == '' then
    return nil
  end
  local root = root_dir(bufnr, config.root_markers)
  local lsp_config = {
    name = config.name,
    cmd = config.cmd,
    root_dir = root,
    settings = config.settings,
    -- Neovim 0.10+ sends the settings itself after initialize (and answers the server's
    -- workspace/configuration); older releases need the notification.
    on_init = function(client)
      if vim.fn.has('nvim-0.10') == 0 then
        client.notify('workspace/didChangeConfiguration', { settings = config.settings })
      end
    end,
    capabilities = config.capabilities,
    on_attach = config.on_attach,
  }
  if vim.lsp.start then
    return vim.lsp.start(lsp_config, { bufnr = bufnr })
  end
  local id = clients[root]
  if not (id and vim.lsp.get_client_by_id(id)) then
    id = vim.lsp.start_client(lsp_config)
    clients[root] = id
  end
  if id then
    vim.lsp.buf_attach_client(bufnr, id)
  end
  return id
end

function M.setup(opts)
  M.config = vim.tbl_deep_extend('force', {}, M.defaults, opts or {})
  local group = vim.api.nvim_create_augroup('workplan_lsp', { clear = true })
  vim.api.nvim_create_autocmd('FileType', {
    group = group,
    pattern = M.config.filetypes,
    callback = function(args)
      M.start(args.buf, M.config)
    end,
  })
end

return M
