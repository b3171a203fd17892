-- runs.lua -- executable chapters: output in the book comes from the kernel.
--
-- In a chapter's prose, a fenced block of class "run" holds console commands:
--
--     ```{.run mem=2G}
--     zoneinfo
--     ```
--
-- When the book is woven, the tangled kernel (build/kernel/vmlinux) is booted
-- in QEMU with that memory (mem=, default 2G), CPUs (smp=, default 1) and
-- command line (append=), the commands are typed, then `halt`; and the block
-- becomes what the console printed, under a caption that says how it was made.
-- Which part of the console is shown:
--
--   (default)      the session: each command after its prompt, with its output
--   show=boot      the boot log, up to the first prompt
--   grep=PATTERN   only the lines matching a Lua pattern; several patterns
--                  separated by " || " keep the lines matching any of them
--   from=TEXT      from the first line containing TEXT ...
--   to=TEXT        ... to the next line containing TEXT
--   panics=1       the commands end the machine with a panic (QEMU status 37),
--                  which is then what the build expects instead of `halt`
--
-- Outputs are cached in build/book/runs/ under the SHA-1 of the kernel image,
-- the machine and the commands, so a book rebuilt with the same kernel boots
-- nothing, and a change to the kernel re-runs every block.  A block whose
-- kernel does not reach `halt` (a panic, a hang) fails the build, with the
-- console's last lines.

local M = {}

local kernel = os.getenv("BOOK_KERNEL") or "build/kernel/vmlinux"
local cache = os.getenv("BOOK_RUN_CACHE") or "build/book/runs"
local kernel_hash = nil

local function sh_quote(s)
  return "'" .. tostring(s):gsub("'", "'\\''") .. "'"
end

local function fail(msg)
  io.stderr:write("book: " .. msg .. "\n")
  error("book: " .. msg, 0)
end

local function kernel_sha1()
  if not kernel_hash then
    local f = io.open(kernel, "rb")
    if not f then
      fail(kernel .. " is missing; the book's run blocks boot it (make kernel)")
    end
    kernel_hash = pandoc.utils.sha1(f:read("a"))
    f:close()
  end
  return kernel_hash
end

local function read_all(path)
  local f = io.open(path, "rb")
  if not f then return nil end
  local s = f:read("a")
  f:close()
  return s
end

local function write_all(path, s)
  local tmp = string.format("%s.%d.%d.tmp", path, os.time(), math.random(1, 1000000000))
  local f = assert(io.open(tmp, "wb"))
  f:write(s)
  f:close()
  assert(os.rename(tmp, path))
end

-- Boot the kernel, type @input, return everything the serial line printed
-- (without the terminal's '\r'), from the cache when it is there.
function M.boot(mem, smp, append, input, want)
  want = want or 33      -- isa-debug-exit status of `halt` (chapter 0); 37 after a panic
  local key = pandoc.utils.sha1(table.concat({ kernel_sha1(), mem, smp, append, input, want }, "\0"))
  local path = cache .. "/" .. key .. ".txt"
  local cached = read_all(path)
  if cached then return cached end
  os.execute("mkdir -p " .. sh_quote(cache))
  local inpath = path .. ".in"
  write_all(inpath, input)
  local cmd = string.format(
    "timeout 120 qemu-system-i386 -kernel %s -m %s -smp %s -append %s -display none " ..
    "-serial stdio -monitor none -no-reboot -device isa-debug-exit,iobase=0xf4,iosize=0x04 " ..
    "< %s 2>&1; echo \"@@status $?\"",
    sh_quote(kernel), sh_quote(mem), sh_quote(smp), sh_quote(append), sh_quote(inpath))
  local p = assert(io.popen(cmd))
  local out = p:read("a")
  p:close()
  os.remove(inpath)
  out = out:gsub("\r", "")
  local status = tonumber(out:match("@@status (%d+)%s*$"))
  out = out:gsub("@@status %d+%s*$", "")
  if status ~= want then
    fail(string.format("a run block (-m %s, commands %q) did not end with %s " ..
                       "(QEMU status %s); the console's last lines:\n%s",
                       mem, input, want == 33 and "halt" or "a panic", tostring(status), out:sub(-1200)))
  end
  write_all(path, out)
  return out
end

local function lines_of(s)
  local t = {}
  for line in (s .. "\n"):gmatch("(.-)\n") do t[#t + 1] = line end
  if t[#t] == "" then t[#t] = nil end
  return t
end

-- Choose the part of @out the block asked for; fail if it is empty.
local function select(out, attr, what)
  local text
  if attr.show == "boot" then
    local e = out:find("mm> ", 1, true)
    text = e and out:sub(1, e - 1) or out
  else
    local s = out:find("mm> ", 1, true) or 1
    local e = out:find("mm> halt", 1, true)
    text = out:sub(s, (e or #out + 1) - 1)
  end
  local keep, on = {}, attr.from == nil
  local patterns = {}
  for p in ((attr.grep or "") .. " || "):gmatch("(.-) || ") do patterns[#patterns + 1] = p end
  local function wanted(line)
    if attr.grep == nil then return true end
    for _, p in ipairs(patterns) do
      if line:find(p) then return true end
    end
    return false
  end
  for _, line in ipairs(lines_of(text)) do
    if not on and line:find(attr.from, 1, true) then on = true end
    if on and wanted(line) then keep[#keep + 1] = line end
    if on and attr.to and line:find(attr.to, 1, true) then break end
  end
  if #keep == 0 then
    fail(string.format("a run block (%s) selected no line of the kernel's output:\n%s",
                       what, text:sub(1, 1200)))
  end
  return table.concat(keep, "\n")
end

-- The block that replaces a run block: a caption and the output.
local function expand(cb)
  local attr = {}
  for k, v in pairs(cb.attributes) do attr[k] = v end
  local mem, smp, append = attr.mem or "2G", attr.smp or "1", attr.append or ""
  local commands = cb.text:gsub("%s+$", "")
  local input = (commands ~= "" and commands .. "\n" or "") .. "halt\n"
  local what = string.format("-m %s: %s", mem, commands ~= "" and commands or "boot")
  local text = select(M.boot(mem, smp, append, input, attr.panics and 37 or 33), attr, what)
  local how = attr.show == "boot" and "the boot log" or "the console"
  -- Name the commands when the selected lines leave their prompts out.
  local typed = { pandoc.Str(".") }
  if commands ~= "" and text:find("mm> ", 1, true) then
    typed = { pandoc.Str(", after typing the commands shown.") }
  elseif commands ~= "" then
    typed = { pandoc.Str(", after typing "), pandoc.Code((commands:gsub("\n", "; "))),
              pandoc.Str(" (lines selected).") }
  end
  local caption = pandoc.Para({
    pandoc.Emph({ pandoc.Str(string.format("Printed by this book's kernel (%s), booted with ", how)),
                  pandoc.Code(string.format("make run MEM=%s%s", mem,
                                            smp ~= "1" and (" SMP=" .. smp) or "")),
                  table.unpack(typed) }) })
  return pandoc.Div({ caption, pandoc.CodeBlock(text, pandoc.Attr("", { "output" })) },
                    pandoc.Attr("", { "kernel-run" }))
end

-- A block of class "bench" (program=NAME) becomes what build/bench/NAME
-- printed: a table of measured figures. Cached by the SHA-1 of the program,
-- since a benchmark takes seconds; the numbers are those of the machine
-- that built the book, and the caption says so.
local function bench(cb)
  local name = cb.attributes.program or fail("a bench block needs program=NAME")
  local prog = "build/bench/" .. name
  local bin = read_all(prog) or fail(prog .. " is missing (make bench builds it)")
  local path = cache .. "/bench-" .. pandoc.utils.sha1(bin) .. ".txt"
  local out = read_all(path)
  if not out then
    os.execute("mkdir -p " .. sh_quote(cache))
    local p = assert(io.popen(sh_quote(prog) .. " 2>&1; echo \"@@status $?\""))
    out = p:read("a")
    p:close()
    local status = tonumber(out:match("@@status (%d+)%s*$"))
    out = out:gsub("@@status %d+%s*$", "")
    if status ~= 0 then fail(prog .. " failed (status " .. tostring(status) .. "):\n" .. out) end
    write_all(path, out)
  end
  local caption = pandoc.Para({ pandoc.Emph({
    pandoc.Str("Measured by "), pandoc.Code("make bench"),
    pandoc.Str(" (" .. name .. ") on the machine that built this book; figures vary from machine " ..
               "to machine, ratios much less.") }) })
  return pandoc.Div({ caption, pandoc.CodeBlock(out:gsub("%s+$", ""), pandoc.Attr("", { "output" })) },
                    pandoc.Attr("", { "kernel-run" }))
end

-- Replace every run block in @blocks (a list of pandoc blocks), and every
-- figure block (book/figures.lua), which draws from the same runs.
--
-- In a student's tree (BOOK_STUDENT=1: it has answers/), a block whose
-- kernel or program fails, because an exercise is not done yet, does not
-- stop the book: it becomes a note saying so, with what went wrong.
local function expand_one(cb)
  if cb.classes:includes("run") then return expand(cb) end
  if cb.classes:includes("figure") then return dofile("book/figures.lua").expand(cb) end
  if cb.classes:includes("bench") then return bench(cb) end
end

local function student_note(cb, err)
  local lines, n = {}, 0
  for l in tostring(err):gmatch("[^\n]+") do
    n = n + 1
    if n <= 12 then lines[#lines + 1] = l end
  end
  local figure = cb.classes:includes("figure")
  local note = pandoc.Emph({ pandoc.Str((figure and "This figure is" or "This output is") ..
    " not shown in your tree: it comes from a kernel with the exercises done, and yours could not " ..
    "produce it yet. Once your answers are in, "), pandoc.Code("make book"),
    pandoc.Str(" draws it from your kernel. " .. (figure and "Above, what went wrong." or "What went wrong:")) })
  local out = pandoc.CodeBlock(table.concat(lines, "\n"), pandoc.Attr("", { "output" }))
  if figure then	-- still a figure, numbered, so links to it hold
    return pandoc.Div({ out, pandoc.Para({ note }) }, pandoc.Attr(cb.identifier, { "figure", "student-missing" }))
  end
  return pandoc.Div({ pandoc.Para({ note }), out }, pandoc.Attr("", { "kernel-run", "student-missing" }))
end

function M.expand_blocks(blocks)
  local student = os.getenv("BOOK_STUDENT") == "1"
  return pandoc.walk_block(pandoc.Div(blocks), {
    CodeBlock = function(cb)
      if not student then return expand_one(cb) end
      local ok, result = pcall(expand_one, cb)
      if ok then return result end
      return student_note(cb, result)
    end,
  }).content
end

return M
