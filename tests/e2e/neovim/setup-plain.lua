-- check.lua's WORKPLAN_E2E_SETUP for the plain configuration (editors/neovim/lua/workplan.lua,
-- vim.lsp.start or, on 0.7, start_client): what a user puts in init.lua, with the command
-- under test.
local here = debug.getinfo(1, 'S').source:sub(2)
local repo = vim.fn.fnamemodify(here, ':p:h:h:h:h')
vim.opt.runtimepath:prepend(repo .. '/editors/neovim')
require('workplan').setup({ cmd = _G.WORKPLAN_E2E_CMD })
