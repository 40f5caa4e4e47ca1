-- Hielements language server for .hie files, Neovim 0.7 or newer, no plugins.
-- Set vim.g.hielements_cmd to how the server starts (default: `hielements lsp` on PATH).
local cmd = vim.g.hielements_cmd or { 'hielements', 'lsp' }

vim.api.nvim_create_autocmd({ 'BufRead', 'BufNewFile' }, { pattern = '*.hie', command = 'setfiletype hielements' })

-- the folder holding hielements.toml nearest above the file, else the file's folder
local function root_of(file)
  local dir = vim.fn.fnamemodify(file, ':p:h')
  local toml = vim.fn.findfile('hielements.toml', dir .. ';')
  if toml ~= '' then return vim.fn.fnamemodify(toml, ':p:h') end
  return dir
end

local clients = {} -- one server per root
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'hielements',
  callback = function(args)
    local root = root_of(vim.api.nvim_buf_get_name(args.buf))
    local id = clients[root]
    if id == nil or vim.lsp.get_client_by_id(id) == nil then
      id = vim.lsp.start_client({
        name = 'hielements',
        cmd = cmd,
        root_dir = root,
        settings = { hielements = { checks = { onChange = false } } },
      })
      clients[root] = id
    end
    vim.lsp.buf_attach_client(args.buf, id)
  end,
})
