---@brief
---
--- https://github.com/scratchvet/scratchvet
---
--- scratchvet tells which lines of a Go program will break once it is built
--- the way it ships (CGO_ENABLED, build tags, static linking) and run in the
--- image it ships in (scratch, distroless, alpine, busybox). It runs next to
--- gopls.
---
--- Install it with:
--- ```sh
--- go install github.com/scratchvet/scratchvet/cmd/scratchvet@latest
--- ```
---
--- Settings (target, checks, buildTags, run, ...) go in `init_options`:
--- https://github.com/scratchvet/scratchvet/blob/main/docs/editors.md#settings
--- ```lua
--- vim.lsp.config('scratchvet', { init_options = { target = 'distroless-static' } })
--- ```

---@type vim.lsp.Config
return {
  cmd = { 'scratchvet', 'lsp' },
  filetypes = { 'go' },
  root_markers = { 'go.work', 'go.mod', '.git' },
}
