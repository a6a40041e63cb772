-- End-to-end check of the workplan language server through a real Neovim (0.7 or newer).
--
--   nvim --headless --clean -n -i NONE -l tests/e2e/neovim/check.lua SERVER_BIN DRAFT OUT_JSON [HOVER_WORD]
--
-- Neovim 0.7 and 0.8 have no `-l`: give the arguments in the environment and load the script
-- with `luafile`:
--
--   WORKPLAN_E2E_SERVER=SERVER_BIN WORKPLAN_E2E_DRAFT=DRAFT WORKPLAN_E2E_OUT=OUT_JSON \
--   [WORKPLAN_E2E_HOVER=HOVER_WORD] nvim --headless --clean -n -i NONE -c "luafile tests/e2e/neovim/check.lua"
--
-- Starts `SERVER_BIN lsp` (vim.lsp.start on 0.8+, vim.lsp.start_client + buf_attach_client on
-- 0.7; root_dir = the draft's folder), opens DRAFT, waits for the server's diagnostics, asks
-- for textDocument/documentSymbol, then — when HOVER_WORD is given and the server advertises
-- hoverProvider — for textDocument/hover on the first occurrence of HOVER_WORD, then edits the
-- buffer to fix the wrong marker `（二）、` → `（二）` and waits for the diagnostics to be
-- published again.  Writes OUT_JSON:
--
--   { "diagnostics":            [ {line, col, end_line, end_col, code, severity, message, source, lsp_range} ],
--     "symbols":                <raw documentSymbol result>,
--     "hover":                  null | {line, col, word, kind, text} | {skipped = "why"},
--     "diagnostics_after_edit": [ same shape ],
--     "edit":                   {line, old_text, new_text},
--     "position_encoding":      "utf-8" | "utf-16" | "utf-32",
--     "nvim_version":           "0.7.2",
--     "publishes":              [ {phase, version, count} ]   (every publishDiagnostics seen),
--     "lsp_log":                path of Neovim's LSP log (server stderr ends up there),
--     "errors":                 [ "..." ] }
--
-- With WORKPLAN_E2E_SETUP=FILE the script does not start the server itself: it runs FILE (which
-- configures Neovim as a user would, with the shipped editors/neovim files; the command to
-- use is in the global WORKPLAN_E2E_CMD), opens DRAFT and waits for a client named
-- `workplan` to attach.
--
-- line/col/end_col are as Neovim shows them: 0-based lines, byte columns in the buffer.
-- Every wait is bounded.  On any failure OUT_JSON is still written, with an entry in
-- "errors", and Neovim exits with status 1 (`cquit 1`); otherwise with status 0.

local WAIT_ATTACH_MS = 15000
local WAIT_DIAGNOSTICS_MS = 15000
local WAIT_SYMBOLS_MS = 10000
local WAIT_HOVER_MS = 10000
local WAIT_AFTER_EDIT_MS = 15000
local WAIT_SHUTDOWN_MS = 3000

-- The wrong marker the edit fixes, and what it becomes.
local BAD_MARKER = '（二）、'
local GOOD_MARKER = '（二）'

local function env(name)
  local v = os.getenv(name)
  if v == '' then
    return nil
  end
  return v
end

-- `-l` (0.9+) puts the script's arguments in the global `arg`; `luafile` does not.
local argv = (type(_G.arg) == 'table' and _G.arg[1]) and _G.arg
  or { env('WORKPLAN_E2E_SERVER'), env('WORKPLAN_E2E_DRAFT'), env('WORKPLAN_E2E_OUT'), env('WORKPLAN_E2E_HOVER') }
local server_bin, draft, out_json, hover_word = argv[1], argv[2], argv[3], argv[4]
local setup_file = env('WORKPLAN_E2E_SETUP')

local out = {
  diagnostics = {},
  symbols = vim.NIL,
  hover = vim.NIL,
  diagnostics_after_edit = {},
  publishes = {},
  errors = {},
}

local function fail(msg)
  table.insert(out.errors, msg)
end

-- Stop the check with a message (no Lua traceback: the message says it all).
local function abort(msg)
  error({ abort = msg })
end

local function write_out()
  if not out_json or out_json == '' then
    io.stderr:write('check.lua: no OUT_JSON argument\n')
    return false
  end
  local ok, encoded = pcall(vim.json.encode, out)
  if not ok then
    -- Something in the raw results could not be encoded: keep the errors at least.
    table.insert(out.errors, 'cannot encode results as JSON: ' .. tostring(encoded))
    encoded = vim.json.encode({ diagnostics = {}, symbols = vim.NIL, diagnostics_after_edit = {}, errors = out.errors })
  end
  local f, err = io.open(out_json, 'w')
  if not f then
    io.stderr:write('check.lua: cannot write ' .. out_json .. ': ' .. tostring(err) .. '\n')
    return false
  end
  f:write(encoded, '\n')
  f:close()
  return true
end

-- State shared with the LSP callbacks.
local state = {
  client_id = nil,
  bufnr = nil,
  phase = 'open', -- 'open' | 'edit' | 'shutdown'
  publishes = 0, -- publishDiagnostics notifications for our document
  last_version = nil, -- version carried by the last one (nil if the server sends none)
  last_count = nil,
  exited = false,
  exit_code = nil,
  exit_signal = nil,
}

-- The workplan client attached to a buffer (0.7 has no vim.lsp.get_clients).
local function attached_client(bufnr)
  if vim.lsp.get_clients then
    return vim.lsp.get_clients({ bufnr = bufnr, name = 'workplan' })[1]
  end
  for _, client in pairs(vim.lsp.buf_get_clients(bufnr)) do
    if client.name == 'workplan' then
      return client
    end
  end
  return nil
end

-- Whether the server has gone: its on_exit ran, or (set-up mode, no on_exit of ours) the
-- client is no longer known or is stopped.
local function exited()
  if state.exited then
    return true
  end
  if setup_file and state.client_id then
    local client = vim.lsp.get_client_by_id(state.client_id)
    if not client or client.is_stopped() then
      state.exited = true
    end
  end
  return state.exited
end

local function diagnostics_of(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or nil
    table.insert(list, {
      line = d.lnum,
      col = d.col,
      end_line = d.end_lnum,
      end_col = d.end_col,
      code = d.code ~= nil and tostring(d.code) or vim.NIL,
      severity = d.severity,
      message = d.message,
      source = d.source or vim.NIL,
      lsp_range = lsp and lsp.range or vim.NIL,
    })
  end
  table.sort(list, function(a, b)
    if a.line ~= b.line then
      return a.line < b.line
    end
    return a.col < b.col
  end)
  return list
end

local function on_publish(err, result, ctx, config)
  if result and state.bufnr and result.uri == vim.uri_from_bufnr(state.bufnr) then
    state.publishes = state.publishes + 1
    state.last_version = result.version
    state.last_count = result.diagnostics and #result.diagnostics or 0
    table.insert(out.publishes, {
      phase = state.phase,
      version = result.version or vim.NIL,
      count = state.last_count,
    })
  end
  return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
end

local function main()
  local v = vim.version()
  out.nvim_version = string.format('%d.%d.%d', v.major, v.minor, v.patch)
  if not (server_bin and draft and out_json) then
    abort('usage: nvim --headless --clean -n -i NONE -l check.lua SERVER_BIN DRAFT OUT_JSON [HOVER_WORD]'
      .. ' (or WORKPLAN_E2E_SERVER, WORKPLAN_E2E_DRAFT, WORKPLAN_E2E_OUT, WORKPLAN_E2E_HOVER with -c "luafile check.lua")')
  end
  if vim.fn.has('nvim-0.7') ~= 1 then
    abort('Neovim 0.7 or newer is needed (this is ' .. out.nvim_version .. ')')
  end
  if vim.fn.executable(server_bin) ~= 1 then
    abort('server binary is not executable: ' .. server_bin)
  end
  draft = vim.fn.fnamemodify(draft, ':p')
  if vim.fn.filereadable(draft) ~= 1 then
    abort('draft is not readable: ' .. draft)
  end
  out.lsp_log = vim.lsp.get_log_path()

  local client_id
  if setup_file then
    -- As a user would: the shipped configuration, then open the draft.
    out.setup = setup_file
    vim.lsp.handlers['textDocument/publishDiagnostics'] = on_publish
    _G.WORKPLAN_E2E_CMD = { server_bin, 'lsp' }
    dofile(setup_file)
    vim.cmd('edit ' .. vim.fn.fnameescape(draft))
    state.bufnr = vim.api.nvim_get_current_buf()
    if not vim.wait(WAIT_ATTACH_MS, function() return attached_client(state.bufnr) ~= nil end, 20) then
      abort(string.format('no workplan client attached to the draft within %d ms of opening it (filetype %s)',
        WAIT_ATTACH_MS, vim.api.nvim_buf_get_option(state.bufnr, 'filetype')))
    end
    client_id = attached_client(state.bufnr).id
  end
  local bufnr = state.bufnr

  if not setup_file then
    vim.cmd('edit ' .. vim.fn.fnameescape(draft))
    bufnr = vim.api.nvim_get_current_buf()
    state.bufnr = bufnr

    local config = {
      name = 'workplan',
      cmd = { server_bin, 'lsp' },
      root_dir = vim.fn.fnamemodify(draft, ':h'),
      handlers = { ['textDocument/publishDiagnostics'] = on_publish },
      on_exit = function(code, signal)
        state.exited = true
        state.exit_code = code
        state.exit_signal = signal
      end,
    }
    if vim.lsp.start then
      client_id = vim.lsp.start(config, { bufnr = bufnr })
    else
      -- Neovim 0.7: no vim.lsp.start.
      client_id = vim.lsp.start_client(config)
      if client_id and not vim.lsp.buf_attach_client(bufnr, client_id) then
        abort('vim.lsp.buf_attach_client did not attach the workplan client')
      end
    end
    if not client_id then
      abort('could not start a client for ' .. server_bin)
    end
  end
  state.client_id = client_id

  -- 1. Diagnostics after opening the draft.
  local got = vim.wait(WAIT_DIAGNOSTICS_MS, function()
    return exited() or (state.publishes > 0 and state.last_count > 0)
  end, 20)
  if exited() then
    abort(string.format('server exited early (code %s, signal %s)', tostring(state.exit_code), tostring(state.exit_signal)))
  end
  local client = vim.lsp.get_client_by_id(client_id)
  out.position_encoding = client and client.offset_encoding or vim.NIL
  if not got then
    if state.publishes > 0 then
      fail(string.format('only empty diagnostics received within %d ms of opening the draft', WAIT_DIAGNOSTICS_MS))
    else
      fail(string.format('no textDocument/publishDiagnostics within %d ms of opening the draft', WAIT_DIAGNOSTICS_MS))
    end
  end
  out.diagnostics = diagnostics_of(bufnr)

  -- 2. The outline.
  local caps = client and client.server_capabilities or {}
  if not (client and client.initialized) then
    fail('server has not answered initialize')
  elseif not caps.documentSymbolProvider then
    fail('server does not advertise documentSymbolProvider')
  else
    local params = { textDocument = vim.lsp.util.make_text_document_params(bufnr) }
    local responses, req_err = vim.lsp.buf_request_sync(bufnr, 'textDocument/documentSymbol', params, WAIT_SYMBOLS_MS)
    if not responses then
      fail('textDocument/documentSymbol: ' .. tostring(req_err or 'no response') .. string.format(' (waited %d ms)', WAIT_SYMBOLS_MS))
    else
      local resp = responses[client_id]
      if not resp then
        fail('textDocument/documentSymbol: no response from the workplan client')
      else
        local rerr = resp.err or resp.error -- 0.10+: err; older: error
        if rerr then
          fail('textDocument/documentSymbol returned an error: ' .. vim.inspect(rerr))
        elseif resp.result == nil then
          fail('textDocument/documentSymbol returned null')
        else
          out.symbols = resp.result
        end
      end
    end
  end

  -- 2b. A hover over an indicator (only when asked for and advertised).
  if hover_word then
    if not (client and client.initialized) then
      fail('hover: the server has not answered initialize')
    elseif not caps.hoverProvider then
      out.hover = { skipped = 'the server does not advertise hoverProvider' }
    else
      local hover_line, hover_col
      for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
        local at = text:find(hover_word, 1, true)
        if at then
          hover_line, hover_col = i - 1, at - 1
          break
        end
      end
      if not hover_line then
        fail('hover: no line in the draft contains ' .. hover_word)
      else
        vim.api.nvim_win_set_cursor(0, { hover_line + 1, hover_col })
        local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
        local responses, req_err = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, WAIT_HOVER_MS)
        local resp = responses and responses[client_id]
        if not resp then
          fail('textDocument/hover: ' .. tostring(req_err or 'no response') .. string.format(' (waited %d ms)', WAIT_HOVER_MS))
        elseif resp.err or resp.error then
          fail('textDocument/hover returned an error: ' .. vim.inspect(resp.err or resp.error))
        elseif resp.result == nil then
          fail('textDocument/hover returned null over ' .. hover_word)
        else
          local contents = resp.result.contents
          local kind, text = 'unknown', ''
          if type(contents) == 'string' then
            kind, text = 'MarkedString', contents
          elseif type(contents) == 'table' and contents.kind then
            kind, text = contents.kind, contents.value or ''
          elseif type(contents) == 'table' and contents.value then
            kind, text = 'MarkedString', contents.value
          elseif type(contents) == 'table' then
            local parts = {}
            for _, c in ipairs(contents) do
              table.insert(parts, type(c) == 'string' and c or (c.value or ''))
            end
            kind, text = 'MarkedString[]', table.concat(parts, '\n')
          end
          out.hover = { line = hover_line, col = hover_col, word = hover_word, kind = kind, text = text, range = resp.result.range or vim.NIL }
        end
      end
    end
  end

  -- 3. Fix the wrong marker in the buffer (an incremental change) and wait for new diagnostics.
  local edit_line
  for i, text in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if vim.startswith(text, BAD_MARKER) then
      edit_line = i - 1
      break
    end
  end
  if not edit_line then
    fail('no line in the draft starts with ' .. BAD_MARKER)
  elseif exited() then
    fail('server exited before the edit')
  else
    out.edit = { line = edit_line, old_text = BAD_MARKER, new_text = GOOD_MARKER }
    state.phase = 'edit'
    local before = state.publishes
    vim.api.nvim_buf_set_text(bufnr, edit_line, 0, edit_line, #BAD_MARKER, { GOOD_MARKER })
    local version = vim.lsp.util.buf_versions[bufnr]
    -- Neovim debounces didChange; a publish for the new text must come after it. If the
    -- server sends versions, wait for one that is at least the buffer's version.
    local updated = vim.wait(WAIT_AFTER_EDIT_MS, function()
      if exited() then
        return true
      end
      if state.publishes <= before then
        return false
      end
      return state.last_version == nil or version == nil or state.last_version >= version
    end, 20)
    if exited() then
      fail(string.format('server exited after the edit (code %s, signal %s)', tostring(state.exit_code), tostring(state.exit_signal)))
    elseif not updated then
      fail(string.format('no textDocument/publishDiagnostics for the edited text (version %s) within %d ms', tostring(version), WAIT_AFTER_EDIT_MS))
    end
    out.diagnostics_after_edit = diagnostics_of(bufnr)
  end

  -- 4. Shut the server down (shutdown + exit) and check that it goes.
  state.phase = 'shutdown'
  if not exited() then
    vim.lsp.stop_client(client_id)
    if not vim.wait(WAIT_SHUTDOWN_MS, exited, 20) then
      fail(string.format('server did not exit within %d ms of shutdown/exit', WAIT_SHUTDOWN_MS))
      vim.lsp.stop_client(client_id, true)
    elseif state.exit_code ~= nil and state.exit_code ~= 0 then
      fail(string.format('server exited with code %s (signal %s) after shutdown/exit', tostring(state.exit_code), tostring(state.exit_signal)))
    end
  end
end

local ok, err = xpcall(main, function(e)
  if type(e) == 'table' and e.abort then
    return e.abort
  end
  return debug.traceback(tostring(e), 2)
end)
if not ok then
  fail(tostring(err))
end
local written = write_out()
if #out.errors > 0 or not written then
  for _, e in ipairs(out.errors) do
    io.stderr:write('check.lua: ' .. e .. '\n')
  end
  vim.cmd('cquit 1')
else
  vim.cmd('qa!')
end
