-- Run after an init file that starts scratchvet for Go buffers (the
-- configurations of docs/editors.md): waits for a diagnostic of the server
-- in the current buffer whose message contains $EXPECT, and exits 0; exits
-- 1 (cquit) with what it got CLIENT_DEADLINE_MS (default 240000) after this
-- script started.
local expect = os.getenv('EXPECT') or ''
local deadline_ms = tonumber(os.getenv('CLIENT_DEADLINE_MS') or '') or 240000
local start = vim.loop.hrtime()
io.stdout:setvbuf('no')
io.stderr:setvbuf('no')

local function stamp(msg)
  return string.format('nvim [%.1f s]: %s\n', (vim.loop.hrtime() - start) / 1e9, msg)
end

local function found()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.source == 'scratchvet' and d.message:find(expect, 1, true) then
      return d
    end
  end
end

io.stdout:write(stamp(#vim.lsp.get_active_clients() .. ' clients started for ' .. vim.api.nvim_buf_get_name(0)))
if not vim.wait(deadline_ms, function() return found() ~= nil end, 100) then
  io.stderr:write(stamp('no scratchvet diagnostic containing "' .. expect .. '" in ' .. vim.api.nvim_buf_get_name(0)
    .. ' (filetype ' .. vim.bo.filetype .. ', ' .. #vim.lsp.get_active_clients() .. ' clients) by the deadline; got '
    .. vim.inspect(vim.diagnostic.get(0))))
  vim.cmd('cquit 1')
  return
end
local d = found()
io.stdout:write(stamp(string.format('%s at %d:%d', tostring(d.code or d.user_data and d.user_data.lsp.code), d.lnum + 1, d.col + 1)))
for _, client in pairs(vim.lsp.get_active_clients()) do
  client.stop()
end
if not vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50) then
  io.stdout:write(stamp('the server did not stop within 5 s of shutdown'))
end
vim.cmd('qall!')
