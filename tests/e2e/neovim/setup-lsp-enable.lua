-- check.lua's WORKPLAN_E2E_SETUP for the nvim-lspconfig-style configuration
-- (editors/neovim/lsp/workplan.lua, Neovim 0.11+): what a user puts in init.lua, with the
-- command under test.
local here = debug.getinfo(1, 'S').source:sub(2)
local repo = vim.fn.fnamemodify(here, ':p:h:h:h:h')
vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
vim.lsp.config('workplan', { cmd = _G.WORKPLAN_E2E_CMD })
vim.lsp.enable('workplan')
