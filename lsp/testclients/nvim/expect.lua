-- Run after an init file that starts scratchvet for Go buffers (the
-- configurations of docs/editors.md): waits for a diagnostic of the server
-- in the current buffer whose message contains $EXPECT, and exits 0; exits
-- 1 (cquit) with what it got after two minutes.
local expect = os.getenv('EXPECT') or ''

local function found()
  for _, d in ipairs(vim.diagnostic.get(0)) do
    if d.source == 'scratchvet' and d.message:find(expect, 1, true) then
      return d
    end
  end
end

if not vim.wait(120000, function() return found() ~= nil end, 100) then
  io.stderr:write('nvim: no scratchvet diagnostic containing "' .. expect .. '" in ' .. vim.api.nvim_buf_get_name(0)
    .. ' (filetype ' .. vim.bo.filetype .. ', ' .. #vim.lsp.get_active_clients() .. ' clients); got '
    .. vim.inspect(vim.diagnostic.get(0)) .. '\n')
  vim.cmd('cquit 1')
  return
end
local d = found()
io.stdout:write(string.format('nvim: %s at %d:%d\n', tostring(d.code or d.user_data and d.user_data.lsp.code), d.lnum + 1, d.col + 1))
for _, client in pairs(vim.lsp.get_active_clients()) do
  client.stop()
end
vim.wait(5000, function() return #vim.lsp.get_active_clients() == 0 end, 50)
vim.cmd('qall!')
