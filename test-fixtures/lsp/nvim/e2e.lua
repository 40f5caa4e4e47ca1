-- End-to-end driver for NeovimEndToEndTest: loads the README's setup (hielements.lua), opens a file, waits for
-- diagnostics, asks completion and hover, untidies the spacing of the check lines and formats the buffer (never
-- saved), writes what it got as JSON, and quits.
-- Environment: HIE_SETUP (hielements.lua), HIE_SERVER_CMD (JSON array), HIE_FILE, HIE_OUT,
--              HIE_COMPLETE_AFTER (text; completion is asked right after its first occurrence),
--              HIE_HOVER_ON (comma-separated texts; hover is asked on the second character of each),
--              HIE_WAIT_CODE (a diagnostic code to wait for)
local out = { log = {} }
local function log(s) table.insert(out.log, s) end
local function finish(code)
  vim.fn.writefile({ vim.fn.json_encode(out) }, os.getenv('HIE_OUT'))
  for _, c in pairs(vim.lsp.get_active_clients()) do c.stop() end
  vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
  vim.cmd(code == 0 and 'qa!' or 'cq!')
end

vim.g.hielements_cmd = vim.fn.json_decode(os.getenv('HIE_SERVER_CMD'))
dofile(os.getenv('HIE_SETUP'))
vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('HIE_FILE')))
local buf = vim.api.nvim_get_current_buf()
out.filetype = vim.bo[buf].filetype

if not vim.wait(60000, function() return #vim.lsp.buf_get_clients(buf) > 0 end, 50) then
  log('no client attached'); return finish(1)
end
local client = vim.lsp.buf_get_clients(buf)[next(vim.lsp.buf_get_clients(buf))]
if not vim.wait(60000, function() return client.initialized end, 50) then
  log('client never initialized'); return finish(1)
end
out.server = client.server_capabilities and 'ok' or 'none'

local want = os.getenv('HIE_WAIT_CODE')
local function has_code()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if want == nil or d.code == want or (d.user_data and d.user_data.lsp and d.user_data.lsp.code == want) then
      return true
    end
  end
  return false
end
if not vim.wait(60000, has_code, 50) then log('no diagnostics with code ' .. tostring(want)) end
out.diagnostics = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
  table.insert(out.diagnostics, { line = d.lnum, col = d.col, severity = d.severity, message = d.message,
    code = code, source = d.source })
end

local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function find(text)
  for i, l in ipairs(lines) do
    local s = string.find(l, text, 1, true)
    if s then return i - 1, s - 1 end
  end
  return nil
end
local uri = vim.uri_from_bufnr(buf)

local cl, cc = find(os.getenv('HIE_COMPLETE_AFTER'))
if cl then
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/completion', {
    textDocument = { uri = uri }, position = { line = cl, character = cc + #os.getenv('HIE_COMPLETE_AFTER') } }, 30000)
  out.completion = {}
  for _, r in pairs(res or {}) do
    local items = r.result and (r.result.items or r.result) or {}
    for _, item in ipairs(items) do table.insert(out.completion, item.label) end
  end
else
  log('completion marker not found')
end

out.hover = {}
for target in string.gmatch(os.getenv('HIE_HOVER_ON'), '[^,]+') do
  local hl, hc = find(target)
  if hl then
    local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', {
      textDocument = { uri = uri }, position = { line = hl, character = hc + 1 } }, 30000)
    for _, r in pairs(res or {}) do
      if r.result and r.result.contents then
        out.hover[target] = r.result.contents.value or vim.inspect(r.result.contents)
      end
    end
  else
    log('hover marker not found: ' .. target)
  end
end
-- formatting: spaces around '(' and ',' and at the ends of the check lines, then the server's formatting
out.original = table.concat(lines, '\n')
local messy = {}
for _, l in ipairs(lines) do
  if string.find(l, 'check ', 1, true) and not string.find(l, '#', 1, true) then
    l = l:gsub('%(', ' ( '):gsub(',', ' , ') .. '   '
  end
  table.insert(messy, l)
end
vim.api.nvim_buf_set_lines(buf, 0, -1, false, messy)
vim.bo[buf].expandtab = true -- the formatting options Neovim sends: four spaces (with -u NONE it would send tabs)
vim.bo[buf].shiftwidth = 4
vim.bo[buf].tabstop = 4
out.messy = table.concat(messy, '\n')
if vim.lsp.buf.format then
  vim.lsp.buf.format({ bufnr = buf, timeout_ms = 30000 })
else
  vim.lsp.buf.formatting_sync(nil, 30000)
end
out.formatted = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')

-- formatting with tabs (noexpandtab): every line's indentation changes; the check outcome must stay on its statement
vim.bo[buf].expandtab = false
if vim.lsp.buf.format then
  vim.lsp.buf.format({ bufnr = buf, timeout_ms = 30000 })
else
  vim.lsp.buf.formatting_sync(nil, 30000)
end
out.tabbed = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n')
local function outcome_lines()
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    if code == want then table.insert(found, d.lnum .. ':' .. d.col) end
  end
  return found
end
-- wait for the publish after the edit (debounce), then take what is shown
local changedtick = vim.api.nvim_buf_get_changedtick(buf)
vim.wait(3000, function() return false end, 100)
out.after_format = outcome_lines()
out.changedtick = changedtick
finish(0)
