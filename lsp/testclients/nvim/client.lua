-- Drives `scratchvet lsp` from headless Neovim 0.7 (Debian 12's), with the
-- built-in client: opens cmd/server/main.go of a copy of testdata/demo,
-- waits for the tzdata diagnostic, requests the quick fix, applies it with
-- Neovim's own workspace-edit code (which sends didChange) and waits for
-- the diagnostic to go away.
--
-- Usage: SCRATCHVET=binary WORKSPACE=dir [CLIENT_DEADLINE_MS=ms] nvim --headless -u NONE -c 'luafile client.lua'
-- Exits 0 on success, 1 (cquit) with the reason on stderr otherwise. All
-- waiting together ends CLIENT_DEADLINE_MS (default 240000) after the
-- start; each step is printed with the seconds since the start.

local binary = os.getenv('SCRATCHVET')
local workspace = os.getenv('WORKSPACE')
local start = vim.loop.hrtime()
local deadline_ms = tonumber(os.getenv('CLIENT_DEADLINE_MS') or '') or 240000
io.stdout:setvbuf('no')
io.stderr:setvbuf('no')

local function elapsed_ms()
  return (vim.loop.hrtime() - start) / 1e6
end

-- remaining is what is left of the deadline, in whole milliseconds.
local function remaining()
  return math.max(1, math.floor(deadline_ms - elapsed_ms()))
end

local function stamp(msg)
  return string.format('nvim client [%.1f s]: %s\n', elapsed_ms() / 1000, msg)
end

local function fail(msg)
  io.stderr:write(stamp(msg))
  vim.cmd('cquit 1')
end

local function say(msg)
  io.stdout:write(stamp(msg))
end

if not binary or not workspace then
  fail('set SCRATCHVET and WORKSPACE')
  return
end

local published = {} -- uri -> diagnostics, as the server sent them
local default_publish = vim.lsp.handlers['textDocument/publishDiagnostics']

-- vim.lsp.start (0.8+) does not exist in 0.7: start_client and attach.
local client_id = vim.lsp.start_client({
  name = 'scratchvet',
  cmd = { binary, 'lsp' },
  root_dir = workspace,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      published[result.uri] = result.diagnostics
      return default_publish(err, result, ctx, config)
    end,
  },
})
if not client_id then
  fail('could not start the server')
  return
end
say('server started')

local main = workspace .. '/cmd/server/main.go'
vim.cmd('edit ' .. vim.fn.fnameescape(main))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)
local uri = vim.uri_from_bufnr(bufnr)

local function tzdata()
  local out = {}
  for _, d in ipairs(published[uri] or {}) do
    if d.code == 'tzdata' then
      table.insert(out, d)
    end
  end
  return out
end

if not vim.wait(remaining(), function() return #tzdata() == 1 end, 50) then
  fail('no tzdata diagnostic by the deadline; got ' .. vim.inspect(published))
  return
end
local diag = tzdata()[1]
say(string.format('%s at %d:%d', diag.code, diag.range.start.line + 1, diag.range.start.character + 1))

local client = vim.lsp.get_client_by_id(client_id)
local resp = client.request_sync('textDocument/codeAction', {
  textDocument = { uri = uri },
  range = diag.range,
  context = { diagnostics = { diag } },
}, remaining(), bufnr)
if not resp or resp.err then
  fail('codeAction failed: ' .. vim.inspect(resp))
  return
end
say(string.format('%d code actions', #(resp.result or {})))
local fix
for _, a in ipairs(resp.result or {}) do
  if a.kind == 'quickfix' and a.isPreferred and a.title:find('time/tzdata', 1, true) then
    fix = a
  end
end
if not fix then
  fail('no preferred tzdata quick fix in ' .. vim.inspect(resp.result))
  return
end
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding or 'utf-16')
local text = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
if not text:find('_ "time/tzdata"', 1, true) then
  fail('the fix did not add the import:\n' .. text)
  return
end

say('fix applied')
if not vim.wait(remaining(), function() return #tzdata() == 0 end, 50) then
  fail('the tzdata diagnostic stayed after the fix until the deadline: ' .. vim.inspect(published[uri]))
  return
end
say('"' .. fix.title .. '" applied, diagnostic gone')
client.stop()
if not vim.wait(5000, function() return client.is_stopped() end, 50) then
  say('the server did not stop within 5 s of shutdown')
end
vim.cmd('qall!')
