-- figures.lua -- figures drawn from what the kernel printed.
--
-- A fenced block of class "figure" draws one of these, as SVG in HTML and as
-- TikZ in the PDF, from the same numbers:
--
--   type=zones mem=2G    the zones of a machine, from its `zoneinfo`
--   type=layout mem=2G   the kernel's gigabyte, from the boot log's
--                        "virtual kernel memory layout"
--   type=buddy mem=64M   the buddy system's worked example, from `buddydemo`:
--                        one block of 16 pages, split by two allocations
--                        and merged back
--   type=freearea mem=64M zone=Normal
--                        a zone's free_area: each order's count of free
--                        blocks and the first blocks on its list, from
--                        `buddyinfo`
--   type=e820 mem=2G     the BIOS's map of physical memory, from `mem`
--   type=memblock mem=2G memblock's memory and reserved lists, from
--                        `memblock`
--   type=kmalloc mem=64M one slab of each kmalloc class, cut into its
--                        objects, from `slabinfo`
--   type=stack mem=64M   a thread's stack block and its task_struct, from
--                        the boot log and `layout task_struct`
--   type=slab mem=64M cache=kmem_cache [before="kmalloc 512;kmalloc 512"]
--                        one slab of a cache, from `slabdump`: its slots,
--                        used or free, and its free list in order
--   type=vmalloc mem=64M before="vmalloc 16K;vfree 0xc47e0000"
--                        the start of the vmalloc area after the commands,
--                        from `vmallocinfo`: busy areas, guard pages,
--                        unpurged areas and free ranges
--
-- The numbers come from booting the kernel (book/runs.lua, with its cache),
-- so a figure cannot disagree with the code.

local runs = dofile("book/runs.lua")
local M = {}

local function fail(msg)
  io.stderr:write("book: " .. msg .. "\n")
  error("book: " .. msg, 0)
end

local function xml(s)
  return (tostring(s):gsub("&", "&amp;"):gsub("<", "&lt;"):gsub(">", "&gt;"))
end

local function tex(s)
  return (tostring(s):gsub("\\", "\\textbackslash{}"):gsub("([_%%#&{}%$])", "\\%1"))
end

-- A figure: the same drawing as SVG for HTML and TikZ for the PDF, and its
-- caption (the weaver numbers it).
local function figure(svg, tikz, caption)
  return pandoc.Div({
    pandoc.RawBlock("html", table.concat(svg, "\n")),
    pandoc.RawBlock("latex", table.concat(tikz, "\n")),
    pandoc.Para({ pandoc.Emph({ pandoc.Str(caption) }) }),
  }, pandoc.Attr("", { "figure" }))
end

-- A horizontal bar of @segs ({label, sub, sub2, weight, color, tex, hatch}),
-- widths in proportion to weight but never narrower than a readable minimum;
-- a segment with hatch set is hatched as well as coloured, so that it reads
-- without colour. Returns the SVG and the TikZ lines.
local function bar_drawing(segs)
  local total, width, key = 0, 1.0, {}
  for _, s in ipairs(segs) do key[#key + 1] = s.label .. s.sub .. (s.sub2 or "") end
  local hatch = "bar-hatch-" .. pandoc.utils.sha1(table.concat(key, "|")):sub(1, 8)
  local minw = math.min(0.12, 0.9 / #segs)
  for _, s in ipairs(segs) do total = total + s.weight end
  local free = width - minw * #segs
  for _, s in ipairs(segs) do s.w = minw + free * s.weight / total end
  -- SVG, 720 x 110 user units
  local svg = { '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 110" class="figure-bar" role="img">',
                '<defs><pattern id="' .. hatch .. '" width="6" height="6" patternUnits="userSpaceOnUse" ' ..
                'patternTransform="rotate(45)"><line x1="0" y1="0" x2="0" y2="6" stroke="#555" ' ..
                'stroke-width="1.5"/></pattern></defs>' }
  local x = 0
  for _, s in ipairs(segs) do
    local w = s.w * 720
    svg[#svg + 1] = string.format('<rect x="%.1f" y="10" width="%.1f" height="50" fill="%s" stroke="#333"/>',
                                  x, w, s.color)
    if s.hatch then
      svg[#svg + 1] = string.format('<rect x="%.1f" y="10" width="%.1f" height="50" fill="url(#%s)" ' ..
                                    'class="hatched" stroke="#333"/>', x, w, hatch)
    end
    local fs = math.max(8, math.min(14, math.floor(w / (#s.label * 0.6))))
    svg[#svg + 1] = string.format('<text x="%.1f" y="40" text-anchor="middle" font-size="%d" font-family="sans-serif">%s</text>',
                                  x + w / 2, fs, xml(s.label))
    svg[#svg + 1] = string.format('<text x="%.1f" y="80" text-anchor="middle" font-size="11" font-family="monospace">%s</text>',
                                  x + w / 2, xml(s.sub))
    if s.sub2 then
      svg[#svg + 1] = string.format('<text x="%.1f" y="96" text-anchor="middle" font-size="11" font-family="monospace">%s</text>',
                                    x + w / 2, xml(s.sub2))
    end
    x = x + w
  end
  svg[#svg + 1] = "</svg>"
  -- TikZ, 14 cm wide
  local tikz = { "\\begin{center}\\begin{tikzpicture}[x=14cm,y=1cm]" }
  x = 0
  for _, s in ipairs(segs) do
    tikz[#tikz + 1] = string.format("\\filldraw[fill=%s,draw=black%s] (%.4f,0) rectangle (%.4f,1);",
                                    s.tex, s.hatch and ",postaction={pattern=north east lines,pattern color=black!60}" or "",
                                    x, x + s.w)
    local room, size = s.w * 14 / #s.label, "\\tiny"	-- cm a character may take
    if room >= 0.19 then size = "\\small" elseif room >= 0.15 then size = "\\scriptsize" end
    tikz[#tikz + 1] = string.format("\\node[fill=white,inner sep=1pt] at (%.4f,0.5) {%s %s};",
                                    x + s.w / 2, size, tex(s.label))
    tikz[#tikz + 1] = string.format("\\node at (%.4f,-0.35) {\\scriptsize\\ttfamily %s};", x + s.w / 2, tex(s.sub))
    if s.sub2 then
      tikz[#tikz + 1] = string.format("\\node at (%.4f,-0.75) {\\scriptsize\\ttfamily %s};", x + s.w / 2, tex(s.sub2))
    end
    x = x + s.w
  end
  tikz[#tikz + 1] = "\\end{tikzpicture}\\end{center}"
  return svg, tikz
end

local function bar(segs, caption)
  local svg, tikz = bar_drawing(segs)
  return figure(svg, tikz, caption)
end

local colors = {
  { "#cfe2ff", "blue!15" }, { "#d1e7dd", "green!15" }, { "#fff3cd", "yellow!25" },
  { "#f8d7da", "red!15" }, { "#e2e3e5", "gray!20" },
}

-- The zones, from `zoneinfo`: start_pfn and spanned of each populated zone.
local function zones_figure(attr)
  local mem = attr.mem or "2G"
  local out = runs.boot(mem, "1", "", "zoneinfo\nhalt\n")
  local segs = {}
  for block in out:gmatch("Node 0, zone[^\n]*\n.-\n  start_pfn:[^\n]*") do
    local name = block:match("zone%s+(%S+)")
    local spanned = tonumber(block:match("spanned%s+(%d+)"))
    local present = tonumber(block:match("present%s+(%d+)"))
    local start = tonumber(block:match("start_pfn:%s+(%d+)"))
    if name and spanned and spanned > 0 then
      local c = colors[#segs + 1]
      segs[#segs + 1] = {
        label = name, weight = spanned, color = c[1], tex = c[2],
        sub = string.format("pfn %d-%d", start, start + spanned - 1),
        sub2 = string.format("%d MiB present", present * 4 // 1024),
      }
    end
  end
  if #segs == 0 then fail("the zones figure found no zone in the kernel's zoneinfo:\n" .. out:sub(1, 800)) end
  return bar(segs, string.format("The zones of a %s machine (widths in proportion, with a minimum), " ..
                                 "drawn from the zoneinfo the kernel printed while this book was built.", mem))
end

-- The kernel's gigabyte, from the boot log's layout lines, bottom to top.
local function layout_figure(attr)
  local mem = attr.mem or "2G"
  local out = runs.boot(mem, "1", "", "halt\n")
  local segs = {}
  for _, name in ipairs({ "lowmem", "vmalloc", "pkmap", "fixmap" }) do
    local s, e = out:match("\n%s+" .. name .. "%s*: 0x(%x+) %- 0x(%x+)")
    if not s then fail("the layout figure found no '" .. name .. "' line in the boot log") end
    local bytes = tonumber(e, 16) - tonumber(s, 16)
    local c = colors[#segs + 1]
    segs[#segs + 1] = {
      label = name, weight = bytes, color = c[1], tex = c[2],
      sub = "0x" .. s,
      sub2 = bytes >= 10 * 1024 * 1024 and string.format("%d MiB", bytes // (1024 * 1024))
                                        or string.format("%d KiB", bytes // 1024),
    }
  end
  return bar(segs, string.format("The kernel's gigabyte on a %s machine, from PAGE_OFFSET up (gaps left out), " ..
                                 "drawn from the boot log of this book's kernel.", mem))
end

-- The worked example of chapter 3, as the kernel's `buddydemo` replays it:
-- after the header row "step ...", one row a step, naming the step, then
-- the free blocks as +offset/order and the blocks handed out as
-- [+offset/order]. Each row must account for the 16 pages exactly once.
local function buddy_figure(attr)
  local mem = attr.mem or "64M"
  local out = runs.boot(mem, "1", "", "buddydemo\nhalt\n")
  local steps, on = {}, false
  for line in out:gmatch("[^\r\n]+") do
    if line:match("^step%s") then on = true
    elseif line:match("^buddydemo:") or line:match("^mm> ") then on = false
    elseif on then
      local label, rest = line:match("^(.-)%s%s+(%S.*)$")
      if not label then fail("the buddy figure cannot read this row of buddydemo: " .. line) end
      local blocks, pages = {}, {}
      for tok in rest:gmatch("%S+") do
        local used, off, order = tok:match("^(%[?)%+(%d+)/(%d+)%]?$")
        if not off then fail("the buddy figure cannot read '" .. tok .. "' in: " .. line) end
        off, order = tonumber(off), tonumber(order)
        blocks[#blocks + 1] = { off, off + (1 << order), used == "[" and "used" or "free" }
        for p = off, off + (1 << order) - 1 do
          if pages[p] or p > 15 then fail("buddydemo's row covers page +" .. p .. " twice or beyond 16: " .. line) end
          pages[p] = true
        end
      end
      for p = 0, 15 do
        if not pages[p] then fail("buddydemo's row leaves page +" .. p .. " out: " .. line) end
      end
      table.sort(blocks, function(a, b) return a[1] < b[1] end)
      steps[#steps + 1] = { label, blocks }
    end
  end
  if #steps == 0 then fail("the buddy figure found no rows in buddydemo's output:\n" .. out:sub(-1200)) end
  -- Blocks handed out are hatched as well as red, so the figure reads in
  -- grey and for a reader who does not tell red from green.
  local hatch = "hatch-" .. pandoc.utils.sha1(out):sub(1, 8)
  local svg = { string.format('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 %d" class="figure-buddy" role="img">',
                               #steps * 38 + 10),
                string.format('<defs><pattern id="%s" width="6" height="6" patternUnits="userSpaceOnUse" ' ..
                              'patternTransform="rotate(45)"><rect width="6" height="6" fill="#f8d7da"/>' ..
                              '<line x1="0" y1="0" x2="0" y2="6" stroke="#a33" stroke-width="2"/></pattern></defs>', hatch) }
  local tikz = { "\\begin{center}\\begin{tikzpicture}[x=0.55cm,y=-0.7cm]" }
  for i, step in ipairs(steps) do
    local y = (i - 1) * 38 + 8
    svg[#svg + 1] = string.format('<text x="0" y="%d" font-size="11" font-family="monospace">%s</text>', y + 16, xml(step[1]))
    tikz[#tikz + 1] = string.format("\\node[anchor=west] at (-11,%.2f) {\\footnotesize\\ttfamily %s};", i - 0.5, tex(step[1]))
    for _, b in ipairs(step[2]) do
      local fill = b[3] == "used" and ("url(#" .. hatch .. ")") or "#d1e7dd"
      svg[#svg + 1] = string.format('<rect x="%d" y="%d" width="%d" height="24" fill="%s" stroke="#333"/>',
                                    300 + b[1] * 25, y, (b[2] - b[1]) * 25, fill)
      svg[#svg + 1] = string.format('<text x="%.1f" y="%d" text-anchor="middle" font-size="10" font-family="monospace">%s</text>',
                                    300 + (b[1] + b[2]) * 12.5, y + 16, b[2] - b[1] == 1 and tostring(b[1]) or string.format("%d-%d", b[1], b[2] - 1))
      tikz[#tikz + 1] = string.format("\\filldraw[fill=%s,draw=black%s] (%d,%d.2) rectangle (%d,%d.8);",
                                      b[3] == "used" and "red!20" or "green!20",
                                      b[3] == "used" and ",postaction={pattern=north east lines,pattern color=red!60!black}" or "",
                                      b[1], i - 1, b[2], i - 1)
      tikz[#tikz + 1] = string.format("\\node at (%.1f,%.2f) {\\tiny\\ttfamily %s};", (b[1] + b[2]) / 2, i - 0.5,
                                      b[2] - b[1] == 1 and tostring(b[1]) or string.format("%d-%d", b[1], b[2] - 1))
    end
  end
  svg[#svg + 1] = "</svg>"
  tikz[#tikz + 1] = "\\end{tikzpicture}\\end{center}"
  return figure(svg, tikz, string.format("The worked example, replayed by the kernel's " ..
      "buddydemo, booted with %s of memory while this book was built: blocks handed out are hatched (red), free " ..
      "blocks plain (green), one row for each step; offsets from the block's first pfn.", mem))
end

-- A zone's free lists, from `buddyinfo`: free_area[0] to free_area[10] of
-- one zone, each with its count of free blocks and the first few blocks on
-- its list, drawn as pages of their order's size, chained as the list is.
local function freearea_figure(attr)
  local mem, zone = attr.mem or "64M", attr.zone or "Normal"
  local out = runs.boot(mem, "1", "", "buddyinfo\nhalt\n")
  local row = out:match("Node 0, zone%s+" .. zone .. "([%d%s]+)\n")
  if not row then fail("the free-area figure found no zone " .. zone .. " in buddyinfo:\n" .. out:sub(-800)) end
  local counts = {}
  for n in row:gmatch("%d+") do counts[#counts + 1] = tonumber(n) end
  if #counts ~= 11 then fail("the free-area figure expected 11 orders in buddyinfo's " .. zone .. " row: " .. row) end
  local shown = 3
  local svg = { string.format('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 %d" class="figure-freearea" role="img">',
                               #counts * 26 + 34),
                string.format('<text x="0" y="14" font-size="12" font-family="sans-serif" font-weight="bold">' ..
                              'struct zone %s: free_area[order]</text>', xml(zone)) }
  local tikz = { "\\begin{center}\\begin{tikzpicture}[x=1cm,y=-0.52cm]",
                 string.format("\\node[anchor=west] at (0,-0.6) {\\small\\bfseries struct zone %s: free\\_area[order]};", tex(zone)) }
  for order = 0, #counts - 1 do
    local n, y = counts[order + 1], order * 26 + 26
    local label = string.format("[%2d] nr_free %d", order, n)
    svg[#svg + 1] = string.format('<text x="0" y="%d" font-size="11" font-family="monospace">%s</text>', y + 13, xml(label))
    tikz[#tikz + 1] = string.format("\\node[anchor=west] at (0,%d) {\\footnotesize\\ttfamily %s};", order, tex(label))
    local x = 170
    for k = 1, math.min(n, shown) do
      local w = 34
      svg[#svg + 1] = string.format('<line x1="%d" y1="%d" x2="%d" y2="%d" stroke="#333" marker-end=""/>', x - 16, y + 9, x, y + 9)
      svg[#svg + 1] = string.format('<rect x="%d" y="%d" width="%d" height="18" fill="#d1e7dd" stroke="#333"/>', x, y, w)
      svg[#svg + 1] = string.format('<text x="%d" y="%d" text-anchor="middle" font-size="9" font-family="monospace">%s</text>',
                                    x + w // 2, y + 13, order < 10 and string.format("2^%d", order) or "1024")
      tikz[#tikz + 1] = string.format("\\draw[->] (%.2f,%d) -- (%.2f,%d);", (x - 16) / 60, order, x / 60, order)
      tikz[#tikz + 1] = string.format("\\filldraw[fill=green!15,draw=black] (%.2f,%.2f) rectangle (%.2f,%.2f);",
                                      x / 60, order - 0.35, (x + w) / 60, order + 0.35)
      tikz[#tikz + 1] = string.format("\\node at (%.2f,%d) {\\tiny\\ttfamily %s};", (x + w / 2) / 60, order,
                                      order < 10 and string.format("2\\textasciicircum{}%d", order) or "1024")
      x = x + w + 20
    end
    if n > shown then
      local more = string.format("... and %d more", n - shown)
      svg[#svg + 1] = string.format('<text x="%d" y="%d" font-size="10" font-family="sans-serif">%s</text>', x - 10, y + 13, xml(more))
      tikz[#tikz + 1] = string.format("\\node[anchor=west] at (%.2f,%d) {\\scriptsize %s};", (x - 10) / 60, order, tex(more))
    elseif n == 0 then
      svg[#svg + 1] = string.format('<text x="%d" y="%d" font-size="10" font-family="sans-serif">(empty list)</text>', x - 10, y + 13)
      tikz[#tikz + 1] = string.format("\\node[anchor=west] at (%.2f,%d) {\\scriptsize (empty list)};", (x - 10) / 60, order)
    end
  end
  svg[#svg + 1] = "</svg>"
  tikz[#tikz + 1] = "\\end{tikzpicture}\\end{center}"
  return figure(svg, tikz, string.format("The free lists of zone %s on a %s machine, as buddyinfo " ..
      "printed them while this book was built: for each order the count of free blocks, and the first %d " ..
      "blocks on its list, each the first page of 2^order pages, linked through page->lru.", zone, mem, shown))
end

-- Sizes as a reader says them: "635 KiB", "2047 MiB", "52 bytes".
local function size_text(bytes)
  if bytes >= 10 * 1024 * 1024 then return string.format("%d MiB", bytes // (1024 * 1024))
  elseif bytes >= 10 * 1024 then return string.format("%d KiB", bytes // 1024)
  elseif bytes % 1024 == 0 then return string.format("%d KiB", bytes // 1024)
  else return string.format("%d bytes", bytes) end
end

local usable_color, reserved_color, hole_color = { "#d1e7dd", "green!15" }, { "#e2e3e5", "gray!25" },
                                                  { "#ffffff", "white" }

-- Ranges {start, end (exclusive), label} in address order, as bar segments,
-- with the holes between them drawn as empty segments; the widths grow with
-- the logarithm of the size, so that a page and two gigabytes both show.
local function ranges_to_segs(ranges, kind_of, hole)
  local segs, last = {}, nil
  local function seg(label, s, e, color, hatch)
    segs[#segs + 1] = { label = label, sub = string.format("0x%x", s), sub2 = size_text(e - s),
                        weight = math.log(e - s, 2), color = color[1], tex = color[2], hatch = hatch }
  end
  for _, r in ipairs(ranges) do
    if last and r[1] > last then seg(hole, last, r[1], hole_color) end
    local color, hatch = kind_of(r)
    seg(r[3], r[1], r[2], color, hatch)
    last = r[2]
  end
  return segs
end

-- The BIOS's map of physical memory, from the console's `mem`: one segment
-- a range, usable RAM plain, reserved ranges hatched.
local function e820_figure(attr)
  local mem = attr.mem or "2G"
  local out = runs.boot(mem, "1", "", "mem\nhalt\n")
  local ranges = {}
  for s, e, kind in out:gmatch("\ne820: %[mem 0x(%x+)%-0x(%x+)%] (%a+)") do
    ranges[#ranges + 1] = { tonumber(s, 16), tonumber(e, 16) + 1, kind }
  end
  if #ranges == 0 then fail("the e820 figure found no 'e820: [mem ...]' line in mem's output:\n" .. out:sub(-800)) end
  local segs = ranges_to_segs(ranges, function(r)
    if r[3] == "usable" then return usable_color, false end
    return reserved_color, true
  end, "(no entry)")
  return bar(segs, string.format("The e820 map of a %s machine, as mem printed it while this book was " ..
      "built: usable RAM plain (green), reserved ranges hatched (grey), holes empty; widths grow with the " ..
      "logarithm of the size, so that a page and two gigabytes both show.", mem))
end

-- memblock's two lists, from the console's `memblock`: memory[] above and
-- reserved[] below, each region with its base and size.
local function memblock_figure(attr)
  local mem = attr.mem or "2G"
  local out = runs.boot(mem, "1", "", "memblock\nhalt\n")
  local lists = { memory = {}, reserved = {} }
  for name, idx, s, e in out:gmatch("\n (%a+)%[0x(%x+)%]%s+%[0x(%x+)%-0x(%x+)%]") do
    if not lists[name] then fail("the memblock figure cannot read a region of list '" .. name .. "'") end
    local t = lists[name]
    t[#t + 1] = { tonumber(s, 16), tonumber(e, 16) + 1, name .. "[" .. tonumber(idx, 16) .. "]" }
  end
  if #lists.memory == 0 or #lists.reserved == 0 then
    fail("the memblock figure found no memory[] or no reserved[] region in memblock's output:\n" .. out:sub(-800))
  end
  local svg, tikz = {}, {}
  for _, name in ipairs({ "memory", "reserved" }) do
    local segs = ranges_to_segs(lists[name], function()
      if name == "memory" then return usable_color, false end
      return { "#f8d7da", "red!15" }, true
    end, name == "memory" and "(not RAM)" or "(free)")
    local s, t = bar_drawing(segs)
    svg[#svg + 1] = string.format('<p class="figure-row"><code>memblock.%s</code></p>', name)
    for _, l in ipairs(s) do svg[#svg + 1] = l end
    tikz[#tikz + 1] = string.format("\\par\\noindent\\texttt{memblock.%s}\\par", name)
    for _, l in ipairs(t) do tikz[#tikz + 1] = l end
  end
  return figure(svg, tikz, string.format("memblock's two lists on a %s machine, as the memblock command " ..
      "printed them while this book was built: the RAM it knows (memory, plain) and what is taken " ..
      "(reserved, hatched), each region at its base with its size; gaps empty, widths by the logarithm " ..
      "of the size.", mem))
end

-- One slab of a cache, from `slabdump CACHE`: the CPU slab's slots at
-- their offsets, used (hatched) or free (numbered by their place on the
-- free list, and chained by arrows within a row), with the kmem_cache_cpu
-- that points at the slab and at the head of its free list, and the
-- slab's own struct page fields. SVG and TikZ share one coordinate
-- system (720 units wide; TikZ scales it to 13.7 cm).
local function read_slabdump(out, cache)
  local at = out:find("mm> slabdump " .. cache .. "\n", 1, true)
  if not at then fail("the slab figure found no slabdump of " .. cache .. " in:\n" .. out:sub(-800)) end
  local d = { cache = cache, slots = {}, chain = {} }
  local text = out:sub(at)
  if text:find("\nslabdump: no cache ", 1, true) == text:find("\n", 1, true) then
    fail("the slab figure asked for cache " .. cache .. ", which the kernel does not have (see slabinfo)")
  end
  d.size, d.objects, d.order = text:match("object_size %d+, size (%d+), objects (%d+), order (%d+)\n")
  d.cpu_pfn = text:match("\nkmem_cache_cpu: page pfn (0x%x+), freelist %x+\n")
  d.inuse, d.page_fl = text:match("\nslab: pfn 0x%x+, objects %d+, inuse (%d+), freelist (%x+)")
  if not (d.size and d.cpu_pfn and d.inuse) then
    fail("the slab figure cannot read the head of slabdump " .. cache .. " (no CPU slab?):\n" .. text:sub(1, 600))
  end
  d.size, d.objects = tonumber(d.size), tonumber(d.objects)
  for idx, off, state, place in text:gmatch("\n%s*(%d+) 0x(%x+) %x+ (%a+) ?(%d*)") do
    d.slots[#d.slots + 1] = { idx = tonumber(idx), off = tonumber(off, 16), free = state == "free",
                              place = tonumber(place) }
  end
  for i in (text:match("\nfreelist:([%d ]*)\n") or ""):gmatch("%d+") do d.chain[#d.chain + 1] = tonumber(i) end
  local objects, used, free = text:match("\nobjects (%d+): in use (%d+), free (%d+)\n")
  if #d.slots ~= d.objects or tonumber(objects) ~= d.objects then
    fail(string.format("the slab figure read %d slots of slabdump %s, which says %s objects",
                       #d.slots, cache, tostring(objects)))
  end
  if #d.chain ~= tonumber(free) then fail("slabdump " .. cache .. "'s free list has " .. #d.chain ..
                                          " entries, its count says " .. tostring(free)) end
  for n, i in ipairs(d.chain) do
    local s = d.slots[i + 1]
    if not (s and s.free and s.place == n) then
      fail("slabdump " .. cache .. "'s free list entry " .. n .. " is slot " .. i .. ", which is not free at that place")
    end
  end
  if d.objects > 128 then fail("the slab figure draws at most 128 slots; " .. cache .. " has " .. d.objects) end
  d.used = tonumber(used)
  return d
end

local function slab_figure(attr)
  local mem, cache = attr.mem or "64M", attr.cache or "kmem_cache"
  local before = attr.before and (attr.before:gsub(";%s*", "\n") .. "\n") or ""
  local out = runs.boot(mem, "1", "", before .. "slabdump " .. cache .. "\nhalt\n")
  local d = read_slabdump(out, cache)
  local cols = math.min(16, d.objects)
  local rows = (d.objects + cols - 1) // cols
  local w, x0, top, pitch = 40, 40, 110, 80
  local height = top + rows * pitch - 10
  local hatch = "slab-hatch-" .. pandoc.utils.sha1(out):sub(1, 8)
  local arrow = "slab-arrow-" .. pandoc.utils.sha1(out):sub(1, 8)
  local svg = { string.format('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 %d" class="figure-slab" role="img">', height),
    string.format('<defs><pattern id="%s" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">' ..
                  '<rect width="6" height="6" fill="#f8d7da"/><line x1="0" y1="0" x2="0" y2="6" stroke="#a33" stroke-width="2"/></pattern>' ..
                  '<marker id="%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto">' ..
                  '<path d="M0,0 L10,5 L0,10 z" fill="#333"/></marker></defs>', hatch, arrow) }
  local tikz = { "\\begin{center}\\begin{tikzpicture}[x=0.019cm,y=-0.019cm,>=stealth]" }
  local function text(x, y, s, size, anchor, bold, backed)
    svg[#svg + 1] = string.format('<text x="%d" y="%d" text-anchor="%s" font-size="%d" font-family="monospace"%s>%s</text>',
                                  x, y, anchor or "middle", size, bold and ' font-weight="bold"' or "", xml(s))
    local a = anchor == "start" and "anchor=base west" or "anchor=base"
    local f = size >= 11 and "\\scriptsize" or "\\tiny"
    tikz[#tikz + 1] = string.format("\\node[%s,inner sep=%s] at (%d,%d) {%s\\ttfamily%s %s};", a,
                                    backed and "1pt,fill=white" or "0", x, y, f,
                                    bold and "\\bfseries" or "", tex(s))
  end
  local function box(x, y, bw, bh, used, fill)
    svg[#svg + 1] = string.format('<rect x="%d" y="%d" width="%d" height="%d" fill="%s" stroke="#333"/>', x, y, bw, bh,
                                  used and ("url(#" .. hatch .. ")") or fill)
    tikz[#tikz + 1] = string.format("\\filldraw[fill=%s,draw=black%s] (%d,%d) rectangle (%d,%d);",
                                    used and "red!20" or fill == "#fff" and "white" or "green!20",
                                    used and ",postaction={pattern=north east lines,pattern color=red!60!black}" or "",
                                    x, y, x + bw, y + bh)
  end
  local function path(pts, curve)
    local d, t = { string.format("M%d,%d", pts[1], pts[2]) }, { string.format("(%d,%d)", pts[1], pts[2]) }
    if curve then
      d[2] = string.format("C%d,%d %d,%d %d,%d", table.unpack(pts, 3, 8))
      t[2] = string.format(".. controls (%d,%d) and (%d,%d) .. (%d,%d)", table.unpack(pts, 3, 8))
    else
      for i = 3, #pts, 2 do
        d[#d + 1] = string.format("L%d,%d", pts[i], pts[i + 1])
        t[#t + 1] = string.format("-- (%d,%d)", pts[i], pts[i + 1])
      end
    end
    svg[#svg + 1] = string.format('<path d="%s" fill="none" stroke="#333" stroke-width="1.2" marker-end="url(#%s)"/>',
                                  table.concat(d, " "), arrow)
    tikz[#tikz + 1] = "\\draw[->] " .. table.concat(t, " ") .. ";"
  end
  local function slot_xy(i) return x0 + (i % cols) * w, top + (i // cols) * pitch end
  -- kmem_cache_cpu and the slab's struct page, side by side
  box(x0, 8, 290, 58, false, "#fff")
  text(x0 + 8, 24, "kmem_cache_cpu of " .. d.cache, 11, "start", true)
  text(x0 + 8, 42, "page     = pfn " .. d.cpu_pfn, 11, "start")
  text(x0 + 8, 58, "freelist = slot " .. (d.chain[1] and tostring(d.chain[1]) or "NULL"), 11, "start")
  box(390, 8, 290, 58, false, "#fff")
  text(398, 24, "struct page, pfn " .. d.cpu_pfn .. " (the slab)", 11, "start", true)
  text(398, 42, string.format("objects %d, inuse %s (frozen)", d.objects, d.inuse), 11, "start")
  text(398, 58, "freelist = " .. (tonumber(d.page_fl, 16) == 0 and "NULL" or d.page_fl), 11, "start")
  path({ x0 + 290, 38, 390, 38 })
  if d.chain[1] then
    local x, y = slot_xy(d.chain[1])
    path({ x0 - 4, 54, 20, 54, 20, y - 18, x + 7, y - 18, x + 7, y })
  end
  for _, s in ipairs(d.slots) do
    local x, y = slot_xy(s.idx)
    box(x, y, w, 34, not s.free, "#d1e7dd")
    text(x + w // 2, y - 5, string.format("%03x", s.off), 9)
    text(x + w // 2, y + 15, tostring(s.idx), 11, nil, false, not s.free)
    if s.free then text(x + w // 2, y + 29, "#" .. s.place, 9, nil, true) end
  end
  for n = 1, #d.chain - 1 do
    local a, b = d.chain[n], d.chain[n + 1]
    if a // cols == b // cols then
      local xa, y = slot_xy(a)
      local xb = slot_xy(b)
      path({ xa + w // 2 + 4, y + 34, xa + w // 2 + 8, y + 52, xb + w // 2 - 8, y + 52, xb + w // 2 - 4, y + 36 }, true)
    end
  end
  if #d.chain > 0 then			-- the last free pointer is NULL
    local x, y = slot_xy(d.chain[#d.chain])
    path({ x + w // 2 + 4, y + 34, x + w // 2 + 8, y + 50, x + w - 4, y + 50, x + w + 2, y + 48 }, true)
    text(x + w + 4, y + 52, "NULL", 9, "start")
  end
  svg[#svg + 1] = "</svg>"
  tikz[#tikz + 1] = "\\end{tikzpicture}\\end{center}"
  return figure(svg, tikz, string.format("The CPU slab of %s on a %s machine, as slabdump printed it while " ..
      "this book was built: %d slots of %d bytes (offsets in hex above them), %d in use (hatched, red) and %d free " ..
      "(plain, green), each free one numbered #n by its place on the free list, the order in which " ..
      "kmem_cache_alloc hands them out; the arrows follow the free pointers, the last of which is NULL.",
      d.cache, mem, d.objects, d.size, d.used, #d.chain))
end

-- The kmalloc size classes, from `slabinfo`: for each kmalloc-N cache one
-- slab, drawn to scale (a page is a fixed width), cut into its objects
-- where they are wide enough to draw, and the bytes no object can use
-- hatched at its end.
local function kmalloc_figure(attr)
  local mem = attr.mem or "64M"
  local out = runs.boot(mem, "1", "", "slabinfo\nhalt\n")
  local rows = {}
  for size, objs, pages in out:gmatch("\nkmalloc%-%d+%s+%d+%s+%d+%s+(%d+)%s+(%d+)%s+(%d+) :") do
    rows[#rows + 1] = { size = tonumber(size), objs = tonumber(objs), pages = tonumber(pages) }
  end
  if #rows == 0 then fail("the kmalloc figure found no kmalloc-N line in slabinfo:\n" .. out:sub(-800)) end
  table.sort(rows, function(a, b) return a.size < b.size end)
  local page_w, left, row_h = 50, 130, 30
  local hatch = "kmalloc-hatch-" .. pandoc.utils.sha1(out):sub(1, 8)
  local svg = { string.format('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 720 %d" class="figure-kmalloc" role="img">',
                               #rows * row_h + 30),
                string.format('<defs><pattern id="%s" width="5" height="5" patternUnits="userSpaceOnUse" ' ..
                              'patternTransform="rotate(45)"><rect width="5" height="5" fill="#e2e3e5"/>' ..
                              '<line x1="0" y1="0" x2="0" y2="5" stroke="#555" stroke-width="1.5"/></pattern></defs>', hatch) }
  local tikz = { "\\begin{center}\\begin{tikzpicture}[x=1.0cm,y=-0.62cm]" }
  for p = 0, 8 do
    svg[#svg + 1] = string.format('<text x="%d" y="12" text-anchor="middle" font-size="10" font-family="monospace">%s</text>',
                                  left + p * page_w, p == 0 and "0" or string.format("%dK", p * 4))
    tikz[#tikz + 1] = string.format("\\node at (%d,-0.6) {\\tiny\\ttfamily %s};", p, p == 0 and "0" or (p * 4) .. "K")
  end
  for i, r in ipairs(rows) do
    local y = (i - 1) * row_h + 20
    local bytes = r.pages * 4096
    local used = r.objs * r.size
    local waste = bytes - used
    local w = r.pages * page_w
    local uw = w * used / bytes
    svg[#svg + 1] = string.format('<text x="0" y="%d" font-size="12" font-family="monospace">kmalloc-%d</text>', y + 15, r.size)
    tikz[#tikz + 1] = string.format("\\node[anchor=west] at (-2.3,%d.5) {\\scriptsize\\ttfamily kmalloc-%d};", i - 1, r.size)
    svg[#svg + 1] = string.format('<rect x="%d" y="%d" width="%.1f" height="22" fill="#cfe2ff" stroke="#333"/>',
                                  left, y, uw)
    tikz[#tikz + 1] = string.format("\\filldraw[fill=blue!12,draw=black] (0,%d.1) rectangle (%.4f,%d.9);",
                                    i - 1, r.pages * used / bytes, i - 1)
    if w / r.objs >= 8 then		-- objects wide enough to draw one by one
      for k = 1, r.objs - 1 do
        local x = left + uw * k / r.objs
        svg[#svg + 1] = string.format('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#333"/>', x, y, x, y + 22)
        tikz[#tikz + 1] = string.format("\\draw (%.4f,%d.1) -- (%.4f,%d.9);", r.pages * used / bytes * k / r.objs,
                                        i - 1, r.pages * used / bytes * k / r.objs, i - 1)
      end
    end
    if waste > 0 then
      svg[#svg + 1] = string.format('<rect x="%.1f" y="%d" width="%.1f" height="22" fill="url(#%s)" class="hatched" stroke="#333"/>',
                                    left + uw, y, w - uw, hatch)
      tikz[#tikz + 1] = string.format("\\filldraw[fill=gray!20,draw=black,postaction={pattern=north east lines," ..
                                      "pattern color=black!60}] (%.4f,%d.1) rectangle (%d,%d.9);",
                                      r.pages * used / bytes, i - 1, r.pages, i - 1)
    end
    local label = string.format("%d objects%s", r.objs, waste > 0 and string.format(", %d bytes left", waste) or "")
    svg[#svg + 1] = string.format('<text x="%d" y="%d" font-size="11" font-family="sans-serif">%s</text>',
                                  left + w + 8, y + 15, xml(label))
    tikz[#tikz + 1] = string.format("\\node[anchor=west] at (%d,%d.5) {\\scriptsize %s};", r.pages, i - 1, tex(label))
  end
  svg[#svg + 1] = "</svg>"
  tikz[#tikz + 1] = "\\end{tikzpicture}\\end{center}"
  return figure(svg, tikz, string.format("One slab of each kmalloc class on a %s machine, as slabinfo " ..
      "printed them while this book was built: a slab to scale (4 KiB a page), cut into its objects where " ..
      "they are wide enough to draw; the bytes at its end that no object fits are hatched.", mem))
end

-- A thread's stack block, from the boot log's "sched: thread stacks of ..."
-- line and `layout task_struct`: the block to scale with its task_struct at
-- the bottom, and below it the task_struct's members in order, the holes
-- the compiler left hatched.
local function stack_figure(attr)
  local mem = attr.mem or "64M"
  local out = runs.boot(mem, "1", "", "layout task_struct\nhalt\n")
  local tsize, order, task = out:match("sched: thread stacks of (%d+) bytes %(order (%d+)%), a task_struct of (%d+) bytes")
  if not tsize then fail("the stack figure found no 'sched: thread stacks of' line in the boot log") end
  tsize, task = tonumber(tsize), tonumber(task)
  local block = {
    { label = "task_struct", sub = "bottom", sub2 = task .. " bytes", weight = task,
      color = "#cfe2ff", tex = "blue!12" },
    { label = "the stack, growing down from the top", sub = "", sub2 = (tsize - task) .. " bytes",
      weight = tsize - task, color = "#d1e7dd", tex = "green!15" },
  }
  local members, last = {}, 0
  local body = out:match("mm> layout task_struct\n(struct task_struct {.-\n};)")
  if not body then fail("the stack figure found no 'struct task_struct' in layout's output:\n" .. out:sub(-800)) end
  for name, off, size in body:gmatch("%s([%w_]+)%s+/%*%s+(%d+)%s+(%d+) %*/") do
    off, size = tonumber(off), tonumber(size)
    if off > last then
      members[#members + 1] = { label = "hole", sub = "+" .. last, sub2 = (off - last) .. " B", weight = off - last,
                                color = "#e2e3e5", tex = "gray!20", hatch = true, off = last }
    end
    members[#members + 1] = { label = name, sub = "+" .. off, sub2 = size .. " B", weight = size,
                              color = "#cfe2ff", tex = "blue!12", off = off }
    last = off + size
  end
  if last ~= task then
    fail(string.format("the stack figure's members of task_struct end at %d, not at its %d bytes", last, task))
  end
  -- too many members for one row: two rows, split where the first cache line ends
  local rows, cut = { {}, {} }, 64
  for _, m in ipairs(members) do
    table.insert(rows[m.off < cut and 1 or 2], m)
  end
  local svg, tikz = bar_drawing(block)
  svg = { table.concat(svg, "\n") }
  tikz = { table.concat(tikz, "\n") }
  for k, row in ipairs(rows) do
    local s, t = bar_drawing(row)
    svg[#svg + 1] = string.format('<p class="figure-row"><code>struct task_struct</code>, bytes %s</p>',
                                  k == 1 and "0 to 63" or ("64 to " .. (task - 1)))
    svg[#svg + 1] = table.concat(s, "\n")
    tikz[#tikz + 1] = string.format("\\par\\noindent\\texttt{struct task\\_struct}, bytes %s\\par",
                                    k == 1 and "0 to 63" or ("64 to " .. (task - 1)))
    tikz[#tikz + 1] = table.concat(t, "\n")
  end
  return figure(svg, tikz, string.format("A thread's stack block on this book's kernel, from its boot log " ..
      "and layout task_struct: %d bytes (order %s), the task_struct at the bottom and the stack above it, " ..
      "growing down; below, the task_struct's members at their offsets, in its two cache lines, the holes " ..
      "the compiler left hatched (widths with a minimum, not to scale).", tsize, order))
end


-- The start of the vmalloc area after the commands of @before (";" between
-- them), from `vmallocinfo`: each busy area's pages, its guard page hatched,
-- an area waiting for its purge hatched in red, the free ranges between and
-- after them empty; widths grow with the logarithm of the size.
local function vmalloc_figure(attr)
  local mem = attr.mem or "64M"
  local cmds = (attr.before or ""):gsub(";", "\n")
  local out = runs.boot(mem, "1", "", cmds .. "\nvmallocinfo\nhalt\n")
  local vend = out:match("\n%s+vmalloc%s*: 0x%x+ %- 0x(%x+)")
  local info = out:match("mm> vmallocinfo\n(.-)mm> ")
  if not vend or not info then fail("the vmalloc figure found no layout line or no vmallocinfo:\n" .. out:sub(-800)) end
  local ranges, busy, guard, unpurged = {}, colors[1], { "#e2e3e5", "gray!25" }, colors[4]
  for s, e, rest in info:gmatch("0x(%x+)%-0x(%x+)%s+%d+ ([^\n]*)") do
    s, e = tonumber(s, 16), tonumber(e, 16)
    if rest:match("unpurged") then
      ranges[#ranges + 1] = { s, e, "unpurged", unpurged, true }
    else
      ranges[#ranges + 1] = { s, e - 4096, "busy", busy, false }
      ranges[#ranges + 1] = { e - 4096, e, "guard", guard, true }
    end
  end
  if #ranges == 0 then fail("the vmalloc figure found no area in vmallocinfo:\n" .. info) end
  table.sort(ranges, function(a, b) return a[1] < b[1] end)
  ranges[#ranges + 1] = { ranges[#ranges][2], tonumber(vend, 16), "free", { "#ffffff", "white" }, false }
  local segs = ranges_to_segs(ranges, function(r) return r[4], r[5] end, "free")
  return bar(segs, string.format("The start of the vmalloc area of a %s machine after %s, from the " ..
      "vmallocinfo the kernel printed while this book was built: busy areas plain, each followed by " ..
      "its guard page (hatched, grey), an area waiting for its purge hatched in red, free ranges " ..
      "empty; widths grow with the logarithm of the size.", mem, (attr.before or ""):gsub(";", ", ")))
end

-- The figure for block @cb; its id (```{.figure #fig-x ...}```) is the
-- figure's, for links; the weaver numbers it and its caption.
function M.expand(cb)
  local t = cb.attributes.type
  local fig
  if t == "zones" then fig = zones_figure(cb.attributes)
  elseif t == "layout" then fig = layout_figure(cb.attributes)
  elseif t == "buddy" then fig = buddy_figure(cb.attributes)
  elseif t == "freearea" then fig = freearea_figure(cb.attributes)
  elseif t == "e820" then fig = e820_figure(cb.attributes)
  elseif t == "memblock" then fig = memblock_figure(cb.attributes)
  elseif t == "slab" then fig = slab_figure(cb.attributes)
  elseif t == "kmalloc" then fig = kmalloc_figure(cb.attributes)
  elseif t == "stack" then fig = stack_figure(cb.attributes)
  elseif t == "vmalloc" then fig = vmalloc_figure(cb.attributes)
  else fail("a figure block has no known type (type=zones, layout, buddy, freearea, e820, memblock, slab, " ..
            "kmalloc, stack or vmalloc): " ..
            tostring(t)) end
  fig.identifier = cb.identifier
  return fig
end

return M
