--[[ noweb-reader.lua -- a pandoc custom reader for noweb's markup stream.

Input: the output of `noweave -n -index -backend cat` over ALL chapters at once
(so chunk cross-references and the identifier index span the book).  The
markup keywords are described in noweb's "Hacker's guide"; every one that
noweave emits is handled below, and anything else stops the run.

The environment selects what to produce:

  BOOK_MODE   html | latex      output format the blocks are meant for
  BOOK_PART   NN-slug           one chapter (the page NN-slug.html)
              index             contents page: title, contents, front matter
              chunks            list of all chunks
              identifiers       index of identifiers
              book              everything, in order (used for the PDF)
  BOOK_FRONT  space-separated Markdown files: the front matter (preface, ...)

Every part is built from the whole stream, so links and numbers agree across
pages.  On a chapter that the weaver cannot render faithfully (no title, a use
of an undefined chunk, a link to nothing, ...) the reader prints
"weave: FILE:LINE: what is wrong" and exits with status 1.

How code is rendered.  C must be syntax-highlighted AND every use of a chunk
must be a link.  pandoc highlights only whole CodeBlocks, and a CodeBlock
cannot hold links.  So each code chunk is highlighted by pandoc itself
(pandoc.write of a one-block document, in the output format) with every chunk
use and identifier use replaced by a placeholder word (nwPH<n>Q).  A
placeholder is a plain C identifier, so the highlighter tokenises the line
exactly as it would tokenise the use, and keeps it whole inside one token.
The placeholders in the highlighted HTML or LaTeX are then replaced by links,
and the result is emitted as a RawBlock.  This keeps skylighting's
highlighting (the same token classes in HTML and in LaTeX) and gives
clickable ⟨name n⟩ references in both formats.  Highlighting pieces of a
chunk separately would break tokens that span a use (a comment or a string
around it), and a CodeBlock for use-free chunks only would render chunks
inconsistently.  The LaTeX goes into fancyvrb's Highlighting environment
(commandchars=\\\{\}), where \hyperlink works.

Numbering: chunks are numbered per chapter, "3.12" = twelfth code chunk of
chapter 3, where the chapter number is the NN of the file name.  The same
numbers appear in HTML and PDF.  Anchors are noweb's own chunk labels, which
do not change when other chunks are inserted.
]]

local MODE = os.getenv("BOOK_MODE") or "html"
-- Lines of body text on a PDF page (23.5 cm at 11 pt); chunks up to this
-- long are kept on one page.
local PAGE_LINES = 46
-- Chunks up to this many code lines are kept whole on one page in the PDF.
local KEEP_LINES = 20
local PART = os.getenv("BOOK_PART") or "book"
local FRONT = os.getenv("BOOK_FRONT") or ""

local function die(fmt, ...)
  io.stderr:write("weave: " .. string.format(fmt, ...) .. "\n")
  os.exit(1)
end

if MODE ~= "html" and MODE ~= "latex" then
  die("BOOK_MODE must be html or latex, not %q", MODE)
end

local concat, insert = table.concat, table.insert

------------------------------------------------------------------------------
-- Escaping

local function html_escape(s)
  return (s:gsub("[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;",
                              ['"'] = "&quot;" }))
end

-- Safe both in running text and inside fancyvrb's Highlighting environment
-- (there only \ { } are special; the other characters are "other", and the
-- commands below print the same glyph).
local latex_specials = {
  ["\\"] = "\\textbackslash{}", ["{"] = "\\{", ["}"] = "\\}", ["$"] = "\\$",
  ["&"] = "\\&", ["#"] = "\\#", ["^"] = "\\textasciicircum{}", ["_"] = "\\_",
  ["%"] = "\\%", ["~"] = "\\textasciitilde{}",
}
local function latex_escape(s)
  return (s:gsub("[\\{}%$&#%^_%%~]", latex_specials))
end

-- Only what fancyvrb's commandchars make special.
local function verb_escape(s)
  return (s:gsub("[\\{}]", latex_specials))
end

------------------------------------------------------------------------------
-- Parsing the markup stream

local chapters = {}     -- in file order
local bylabel = {}      -- noweb label -> code chunk
local chunk_by_plain_name = {}  -- a chunk's name without [[ ]] -> its first definition
local chunklist = {}    -- @xref chunkbegin ... entries
local identlist = {}    -- @index entrybegin ... entries

local function parse(text)
  local ch, piece            -- current chapter and current chunk
  local line = 0             -- line in the current chapter file
  local quote                -- list of segments while inside [[...]]
  local pending_ref          -- label given by the last "@xref ref"
  local pending_iuse         -- identifier announced by "@index use"
  local acc = {}             -- accumulated labels inside begindefs/beginuses
  local acc_def              -- label from "@index isdefined"
  local centry, ientry       -- current chunk-list / index entry
  local n = 0

  local function where()
    if ch then return string.format("%s:%d", ch.file, line) end
    return string.format("line %d of the markup stream", n)
  end
  local function bad(fmt, ...)
    die("%s: %s", where(), string.format(fmt, ...))
  end

  local function xref(sub, arg)
    if sub == "label" then
      if piece and piece.kind == "code" and not piece.name then piece.label = arg end
    elseif sub == "ref" then
      pending_ref = arg
      if piece and piece.kind == "code" and not piece.name then piece.firstref = arg end
    elseif sub == "prevdef" then piece.prevdef = arg
    elseif sub == "nextdef" then piece.nextdef = arg
    elseif sub == "begindefs" or sub == "beginuses" then acc = {}
    elseif sub == "defitem" then insert(acc, arg)
    elseif sub == "useitem" then insert(acc, arg)
    elseif sub == "enddefs" then piece.contdefs = acc; acc = {}
    elseif sub == "enduses" then piece.usedin = acc; acc = {}
    elseif sub == "notused" then piece.root = true
    elseif sub == "beginchunks" or sub == "endchunks" then -- nothing
    elseif sub == "chunkbegin" then
      local l, name = arg:match("^(%S+) (.*)$")
      centry = { label = l, name = name, uses = {}, defns = {} }
    elseif sub == "chunkuse" then insert(centry.uses, arg)
    elseif sub == "chunkdefn" then insert(centry.defns, arg)
    elseif sub == "chunkend" then insert(chunklist, centry); centry = nil
    elseif sub == "notdef" then -- reported at the @use
    else
      bad("unknown noweb markup '@xref %s'", sub)
    end
  end

  local function index(sub, arg)
    if sub == "defn" or sub == "localdefn" then -- listed again in begindefs
    elseif sub == "use" then pending_iuse = { name = arg, ref = pending_ref }
    elseif sub == "nl" then line = line + 1
    elseif sub == "begindefs" or sub == "beginuses" then acc = {}
    elseif sub == "isused" then insert(acc, arg)
    elseif sub == "defitem" then
      insert(piece.defs, { name = arg, used = acc }); acc = {}
    elseif sub == "enddefs" or sub == "enduses" then acc = {}
    elseif sub == "isdefined" then acc_def = arg
    elseif sub == "useitem" then insert(piece.iuses, { name = arg, def = acc_def })
    elseif sub == "beginindex" or sub == "endindex" then -- nothing
    elseif sub == "entrybegin" then
      local l, name = arg:match("^(%S+) (.*)$")
      ientry = { label = l, name = name, defns = {}, uses = {} }
    elseif sub == "entrydefn" then insert(ientry.defns, arg)
    elseif sub == "entryuse" then insert(ientry.uses, arg)
    elseif sub == "entryend" then insert(identlist, ientry); ientry = nil
    else
      bad("unknown noweb markup '@index %s'", sub)
    end
  end

  for l in (text .. "\n"):gmatch("(.-)\n") do
    n = n + 1
    if l ~= "" then
      local kw, rest = l:match("^@(%w+)(.*)$")
      if not kw then bad("not noweb markup: %q", l) end
      if rest:sub(1, 1) == " " then rest = rest:sub(2) end

      if kw == "file" then
        ch = { file = rest, pieces = {} }
        insert(chapters, ch)
        line = 1
      elseif kw == "begin" then
        local kind = rest:match("^(%a+)")
        if piece then bad("@begin %s inside an open chunk", rest) end
        if not ch then bad("a chunk before any @file") end
        piece = { kind = kind, line = line, chapter = ch }
        if kind == "docs" then
          piece.parts = {}
        elseif kind == "code" then
          piece.segs, piece.defs, piece.iuses = {}, {}, {}
          piece.contdefs, piece.usedin = {}, {}
        else
          bad("unknown chunk kind in '@begin %s'", rest)
        end
      elseif kw == "end" then
        if not piece or not rest:match("^" .. piece.kind) then
          bad("'@end %s' does not close an open chunk", rest)
        end
        if quote then bad("[[ without ]] in documentation") end
        if piece.kind == "code" and not piece.name then bad("code chunk without a name") end
        insert(ch.pieces, piece)
        piece = nil
      elseif kw == "text" then
        if not piece then
          if rest ~= "" then bad("text outside any chunk") end
        elseif piece.kind == "docs" then
          if quote then
            if pending_iuse and rest == pending_iuse.name then
              insert(quote, { ident = rest, ref = pending_iuse.ref })
            else
              insert(quote, { text = rest })
            end
            pending_iuse = nil
          else
            insert(piece.parts, rest)
          end
        else
          if not piece.started then bad("text on the line of <<%s>>=", piece.name or "?") end
          if pending_iuse and rest == pending_iuse.name then
            insert(piece.segs, { kind = "ident", text = rest, ref = pending_iuse.ref })
          else
            insert(piece.segs, { kind = "text", text = rest })
          end
          pending_iuse = nil
        end
      elseif kw == "nl" then
        if piece and piece.kind == "docs" then
          if quote then insert(quote, { text = " " }) else insert(piece.parts, "\n") end
        elseif piece and piece.kind == "code" then
          if piece.started then insert(piece.segs, { kind = "nl" }) else piece.started = true end
        end
        line = line + 1
      elseif kw == "defn" then
        if not piece or piece.kind ~= "code" then bad("@defn outside a code chunk") end
        piece.name = rest
      elseif kw == "use" then
        if not piece or piece.kind ~= "code" then bad("chunk use <<%s>> outside code", rest) end
        if not pending_ref or pending_ref == "nw@notdef" then
          bad("<<%s>> is used here but never defined", rest)
        end
        insert(piece.segs, { kind = "use", name = rest, ref = pending_ref })
      elseif kw == "quote" then
        if not piece or piece.kind ~= "docs" then bad("[[ outside documentation") end
        quote = {}
      elseif kw == "endquote" then
        if not quote then bad("]] without [[") end
        insert(piece.parts, { quote = quote })
        quote = nil
      elseif kw == "xref" then
        local sub, arg = rest:match("^(%S+) ?(.*)$")
        xref(sub, arg)
      elseif kw == "index" then
        local sub, arg = rest:match("^(%S+) ?(.*)$")
        index(sub, arg)
      elseif kw == "language" or kw == "literal" or kw == "header" or kw == "trailer" then
        -- not produced with -n -backend cat; harmless
      else
        bad("unknown noweb markup '@%s'", kw)
      end
    end
  end
  if piece then die("%s: chunk not closed at the end of the stream", ch.file) end
end

------------------------------------------------------------------------------
-- Chapters, numbers, pages

-- Chapter files numbered this and up are appendices.
local APPENDIX_FROM = 90
-- Appendices the weaver writes itself, before the chapters' own: the
-- answers to the questions.
local GENERATED_APPENDICES = 1
local ANSWERS_LETTER = "A"

local function setup_chapters()
  local seen = {}
  local mains, appendices = 0, 0
  for i, ch in ipairs(chapters) do
    local base = ch.file:match("([^/]+)%.nw$")
    local nn = base and base:match("^(%d+)%-[%w%-_]+$")
    if not nn then
      die("%s: a chapter file must be named NN-slug.nw (digits, '-', a slug)", ch.file)
    end
    ch.stem, ch.n = base, tonumber(nn)
    -- The file's number orders the chapters and leaves room between them;
    -- the book numbers them one after another from 0.  Files numbered 90
    -- and up are appendices, lettered after the generated ones (answers).
    ch.appendix = ch.n >= APPENDIX_FROM
    if ch.appendix then
      appendices = appendices + 1
      ch.ordinal = appendices + GENERATED_APPENDICES
      ch.num = string.char(64 + ch.ordinal)
    else
      if appendices > 0 then
        die("%s: chapter %s comes after an appendix; appendices are numbered %d and up",
            ch.file, nn, APPENDIX_FROM)
      end
      mains = mains + 1
      ch.ordinal = mains - 1
      ch.num = tostring(ch.ordinal)
    end
    ch.page = base .. ".html"
    ch.index = i
    if seen[ch.n] then
      die("%s: chapter number %s is also used by %s", ch.file, nn, seen[ch.n])
    end
    seen[ch.n] = ch.file
    for _, p in ipairs(ch.pieces) do
      if p.kind == "code" then
        p.page = ch.page
        bylabel[p.label] = p
      end
    end
  end
end

-- Chunk numbers, once the chapters' tests are known (setup_docs): the
-- reading flow's chunks are N.1, N.2, ...; its tests' chunks TN.1, TN.2,
-- ..., in the book's part "Checking our work".
local function number_chunks()
  for _, ch in ipairs(chapters) do
    local k, t = 0, 0
    for _, p in ipairs(ch.pieces) do
      if p.kind == "code" then
        if p.checks then
          t = t + 1
          p.num = "T" .. ch.num .. "." .. t
        else
          k = k + 1
          p.num = ch.num .. "." .. k
        end
      end
    end
  end
end

-- The page an output link must name ("" = this page).
local CURRENT_PAGE = ""

local function page_href(page, id)
  if MODE == "latex" then return "#" .. id end
  if page == CURRENT_PAGE then return "#" .. id end
  return page .. "#" .. id
end

local function chunk_href(label)
  local p = bylabel[label]
  if not p then die("internal: no chunk with label %s", label) end
  return page_href(p.page, label)
end

------------------------------------------------------------------------------
-- Chunk names: "count pages in a [[range]]"

local function name_parts(name)
  local parts, pos = {}, 1
  while true do
    local a, b = name:find("[[", pos, true)
    if not a then break end
    local c, d = name:find("]]", b + 1, true)
    if not c then break end
    while name:sub(d + 1, d + 1) == "]" do c, d = c + 1, d + 1 end
    if a > pos then insert(parts, { code = false, s = name:sub(pos, a - 1) }) end
    insert(parts, { code = true, s = name:sub(b + 1, c - 1) })
    pos = d + 1
  end
  if pos <= #name then insert(parts, { code = false, s = name:sub(pos) }) end
  return parts
end

local function plain_name(name)
  local out = {}
  for _, p in ipairs(name_parts(name)) do insert(out, p.s) end
  return concat(out)
end

local function words(s)
  local inl = {}
  for sp, w in s:gmatch("(%s*)(%S*)") do
    if sp ~= "" then insert(inl, pandoc.Space()) end
    if w ~= "" then insert(inl, pandoc.Str(w)) end
  end
  return inl
end

local function name_inlines(name)
  local inl = {}
  for _, p in ipairs(name_parts(name)) do
    if p.code then insert(inl, pandoc.Code(p.s))
    else for _, x in ipairs(words(p.s)) do insert(inl, x) end end
  end
  return inl
end

local function name_html(name)
  local out = {}
  for _, p in ipairs(name_parts(name)) do
    insert(out, p.code and ("<code>" .. html_escape(p.s) .. "</code>") or html_escape(p.s))
  end
  return concat(out)
end

local function name_latex(name)
  local out = {}
  for _, p in ipairs(name_parts(name)) do
    insert(out, p.code and ("\\texttt{" .. latex_escape(p.s) .. "}") or latex_escape(p.s))
  end
  return concat(out)
end

-- ⟨name n⟩ as pandoc inlines
local function chunk_ref_inlines(label)
  local p = bylabel[label]
  local first = bylabel[p.firstref] or p
  local inl = { pandoc.Str("⟨") }
  for _, x in ipairs(name_inlines(p.name)) do insert(inl, x) end
  insert(inl, pandoc.Str(" " .. first.num .. "⟩"))
  return inl
end

------------------------------------------------------------------------------
-- Languages: a chunk is highlighted as the language of the file its root
-- becomes (kernel/mm/x.c -> C, kernel/arch/x86/boot.S -> GNU assembler).

local ext_lang = { c = "c", h = "c", S = "gnuassembler", s = "gnuassembler",
                   sh = "bash", py = "python", mk = "makefile", lua = "lua" }
local lang_of_name = {}

local function setup_languages()
  local roots, users = {}, {}
  for _, ch in ipairs(chapters) do
    for _, p in ipairs(ch.pieces) do
      if p.kind == "code" then
        if p.root and not roots[p.name] then roots[p.name] = p end
        for _, s in ipairs(p.segs) do
          if s.kind == "use" then
            users[s.name] = users[s.name] or {}
            users[s.name][p.name] = true
          end
        end
      end
    end
  end
  local visiting = {}
  local function lang(name)
    if lang_of_name[name] ~= nil then return lang_of_name[name] end
    if roots[name] then
      local ext = name:match("%.(%w+)$")
      local first = roots[name].segs[1]
      local shebang = first and first.kind == "text" and first.text:match("^#!%s*(%S+)") or ""
      local l
      if name:match("%.lds%.S$") or name:match("%.lds$") then
        l = false                         -- a linker script: no highlighter fits
      elseif name:match("Makefile$") then
        l = "makefile"
      elseif ext and ext_lang[ext] then
        l = ext_lang[ext]
      elseif shebang:match("sh$") then
        l = "bash"
      elseif shebang:match("python") then
        l = "python"
      else
        l = false
      end
      lang_of_name[name] = l
      return l
    end
    if visiting[name] then return nil end
    visiting[name] = true
    local us = {}
    for u in pairs(users[name] or {}) do insert(us, u) end
    table.sort(us)
    for _, u in ipairs(us) do
      local l = lang(u)
      if l ~= nil then lang_of_name[name] = l; visiting[name] = nil; return l end
    end
    visiting[name] = nil
    return nil
  end
  for _, ch in ipairs(chapters) do
    for _, p in ipairs(ch.pieces) do
      if p.kind == "code" then
        local l = lang(p.name)
        if l == nil then l = "c" end
        p.lang = l or nil   -- false: no highlighting
      end
    end
  end
end

------------------------------------------------------------------------------
-- Documentation chunks -> pandoc blocks

local function backtick_code(s)
  local longest = 0
  for run in s:gmatch("`+") do longest = math.max(longest, #run) end
  local fence = string.rep("`", longest + 1)
  local pad = (s:sub(1, 1) == "`" or s:sub(-1) == "`") and " " or ""
  return fence .. pad .. s .. pad .. fence
end

-- [[...]] becomes an inline code span; [[ident]] where ident is an indexed
-- identifier becomes a link to its definition.
local function docs_markdown(piece)
  local out = {}
  for _, part in ipairs(piece.parts) do
    if type(part) == "string" then
      insert(out, part)
    else
      local q = part.quote
      local texts = {}
      for _, s in ipairs(q) do insert(texts, s.text or s.ident) end
      local code = backtick_code(concat(texts))
      if #q == 1 and q[1].ident and bylabel[q[1].ref] then
        insert(out, "[" .. code .. "](#" .. q[1].ref .. ")")   -- fix_links names the page
      else
        insert(out, code)
      end
    end
  end
  return concat(out)
end

local used_ids = {}     -- id -> page
local function claim_id(id, page, explicit, what)
  if used_ids[id] == nil then
    used_ids[id] = page
    return id
  end
  if explicit then die("%s: the id #%s is used twice (also on %s)", what, id, used_ids[id]) end
  local k = 1
  while used_ids[id .. "-" .. k] ~= nil do k = k + 1 end
  used_ids[id .. "-" .. k] = page
  return id .. "-" .. k
end

local function explicit_ids(text)
  local set = {}
  for attrs in text:gmatch("{([^}]*)}") do
    for id in attrs:gmatch("#([%w_%-%.:]+)") do set[id] = true end
  end
  return set
end

-- Give every heading and element a book-wide unique id, and remember which
-- page holds it.
local heading_ids = {}
local function register_ids(blocks, page, what, explicit)
  return pandoc.walk_block(pandoc.Div(blocks), {
    Header = function(h)
      h.identifier = claim_id(h.identifier, page, explicit[h.identifier], what)
      heading_ids[h.identifier] = true
      return h
    end,
    Div = function(d)
      if d.identifier ~= "" then claim_id(d.identifier, page, true, what) end
    end,
    Span = function(s)
      if s.identifier ~= "" then claim_id(s.identifier, page, true, what) end
    end,
    CodeBlock = function(c)
      if c.identifier ~= "" then claim_id(c.identifier, page, true, what) end
    end,
  }).content
end

-- Prose is pandoc Markdown without raw_tex: a backslash in prose prints as
-- itself in both formats, instead of reaching LaTeX only (```{=latex} is
-- still there for the rare raw block).
-- Blocks of class "run" become what the kernel printed (book/runs.lua).
local runs = dofile("book/runs.lua")

-- In the PDF, a code block the highlighter leaves plain (kernel output,
-- a command line) is set in the largest of \small, \footnotesize and
-- \scriptsize that holds its longest line within the 15 cm text width,
-- so a table such as buddyinfo keeps its columns; a block wider still is
-- wrapped, with a hook at each break.  Characters per line at each size
-- were measured from xelatex's overfull-box report for the monospaced font
-- as the template scales it (4.63 pt a character at 10.95 pt).
-- Code columns of a chunk's \small code within its frame and margin.
local CHUNK_COLUMNS = 96

-- Code is shown with tabs every 4 columns in both outputs (the tangled C
-- keeps its tabs): kernel code nests deep, and at 8 a third of the lines
-- of a deep function would not fit the page.
local TAB = 4

-- The widest line of @text in columns, tabs set every TAB.
local function widest_line(text)
  local widest = 0
  for line in (text .. "\n"):gmatch("([^\n]*)\n") do
    local col = 0
    for _, c in utf8.codes(line) do
      col = c == 9 and (col // TAB + 1) * TAB or col + 1
    end
    widest = math.max(widest, col)
  end
  return widest
end

local FIT = { { 100, "\\small" }, { 111, "\\footnotesize" }, { 125, "\\scriptsize" } }
local function latex_code(cb)
  if MODE ~= "latex" then return nil end
  local lang = cb.classes[1]
  local widest = widest_line(cb.text)
  if lang and lang ~= "output" and lang ~= "sourceCode" then
    -- Highlighted (```c): pandoc's Highlighting, wrapped only if it must be.
    if widest <= CHUNK_COLUMNS then return nil end
    local out = pandoc.write(pandoc.Pandoc({ cb }), "latex")
    return pandoc.RawBlock("latex", (out:gsub("\\begin{Highlighting}%[%]",
                                              "\\begin{Highlighting}[breaklines=true,breakanywhere=true]", 1)))
  end
  local size, wrap = FIT[1][2], ""
  for _, f in ipairs(FIT) do
    if widest <= f[1] then size = f[2]; break end
    if f == FIT[#FIT] then size, wrap = FIT[1][2], ",breaklines=true,breakanywhere=true" end
  end
  local anchor = cb.identifier ~= "" and "\\hypertarget{" .. cb.identifier .. "}{}" or ""
  return pandoc.RawBlock("latex", anchor .. "\\begin{Verbatim}[fontsize=" .. size .. wrap .. "]\n"
    .. cb.text .. "\n\\end{Verbatim}")
end

-- In a pipe table a | inside code must be written \|, and pandoc keeps
-- the backslash in the code; the reader means the bar alone.
local function table_pipes(blocks)
  return pandoc.walk_block(pandoc.Div(blocks), {
    Table = function(t)
      return pandoc.walk_block(t, { Code = function(c) c.text = c.text:gsub("\\|", "|"); return c end })
    end,
  }).content
end

local function read_markdown(text)
  local blocks = runs.expand_blocks(table_pipes(pandoc.read(text, "markdown-raw_tex").blocks))
  if MODE ~= "latex" then return blocks end
  return pandoc.walk_block(pandoc.Div(blocks), { CodeBlock = latex_code }).content
end

-- The pages of the generated parts.
local CHECKS_PAGE = "checking.html"
local ANSWERS_PAGE = "answers.html"

-- What a link with no text to a heading says: "§3.2" or "chapter 3".
local heading_info = {}   -- id -> { num =, kind = "chapter" | "section" | "appendix", ch = }
local chapter_by_stem = {}

-- Move every id inside @blocks to @page (they were registered on the
-- chapter's page before the blocks moved to a generated part).
local function move_ids(blocks, page)
  pandoc.walk_block(pandoc.Div(blocks), {
    Header = function(h) if h.identifier ~= "" then used_ids[h.identifier] = page end end,
    Div = function(d) if d.identifier ~= "" then used_ids[d.identifier] = page end end,
    Span = function(x) if x.identifier ~= "" then used_ids[x.identifier] = page end end,
    CodeBlock = function(c) if c.identifier ~= "" then used_ids[c.identifier] = page end end,
  })
end

local function emph_para(lead, link_inl, tail)
  local inl = words(lead)
  insert(inl, pandoc.Space())
  for _, x in ipairs(link_inl) do insert(inl, x) end
  for _, x in ipairs(words(tail or ".")) do insert(inl, x) end
  return inl
end

-- A question's answer: a Div of class "answer" inside an item of a
-- numbered list.  It moves to the appendix of answers; the question keeps
-- a link to it, and the answer links back.
local answers = {}        -- in book order: { ch =, q =, id =, qid =, blocks = }
local function take_answers(ch, blocks, what)
  local out = {}
  for _, b in ipairs(blocks) do
    if b.t == "OrderedList" then
      local start = b.listAttributes and b.listAttributes.start or b.start or 1
      for i, item in ipairs(b.content) do
        local q = start + i - 1
        local keep, found = {}, nil
        for _, ib in ipairs(item) do
          if ib.t == "Div" and ib.classes:includes("answer") then
            if found then die("%s: question %d has two answers", what, q) end
            found = ib
          else
            insert(keep, ib)
          end
        end
        if found then
          local id = claim_id("answer-" .. ch.stem .. "-" .. q, ANSWERS_PAGE, true, what)
          local qid = claim_id("question-" .. ch.stem .. "-" .. q, ch.page, true, what)
          local content = found.content
          move_ids(content, ANSWERS_PAGE)
          insert(answers, { ch = ch, q = q, id = id, qid = qid, blocks = content })
          local first = keep[1]
          if first and (first.t == "Para" or first.t == "Plain") then
            first.content:insert(1, pandoc.Span({}, { id = qid }))
          else
            insert(keep, 1, pandoc.Plain({ pandoc.Span({}, { id = qid }) }))
          end
          insert(keep, pandoc.Div({ pandoc.Plain({ pandoc.Link(words("Answer"), "#" .. id) }) },
                                  { class = "answer-link" }))
          ch.has_answer = true
          pandoc.walk_block(pandoc.Div(content), {
            Div = function(d) if d.classes:includes("kernel-run") then ch.answer_runs = true end end,
          })
        end
        b.content[i] = keep
      end
    end
    insert(out, b)
  end
  return out
end

-- Per chapter: parse the prose, check the structure, number the headings,
-- and take the chapter's tests out of the reading flow.  A heading of class
-- "checks" (## or ###) and everything after it up to the next heading of
-- its level or higher, code chunks included, are the tests of what comes
-- before it: they go to the part "Checking our work" (one section a
-- chapter), and the reading flow keeps a link to them.
local function setup_docs()
  used_ids["contents"] = "index.html"
  for _, id in ipairs({ "nw-chunks", "nw-chunks-files", "nw-chunks-all" }) do
    used_ids[id] = "chunks.html"
  end
  used_ids["nw-identifiers"] = "identifiers.html"
  used_ids["nw-checking"] = CHECKS_PAGE
  used_ids["nw-answers"] = ANSWERS_PAGE
  for _, ch in ipairs(chapters) do
    used_ids[ch.stem] = ch.page
    chapter_by_stem[ch.stem] = ch
    used_ids["nw-checks-" .. ch.stem] = CHECKS_PAGE
    used_ids["nw-answers-" .. ch.stem] = ANSWERS_PAGE
  end
  for _, ch in ipairs(chapters) do
    for _, p in ipairs(ch.pieces) do
      if p.kind == "code" then
        used_ids[p.label] = ch.page
        if not p.prevdef and not chunk_by_plain_name[plain_name(p.name)] then
          chunk_by_plain_name[plain_name(p.name)] = p
        end
      end
    end
  end
  for _, ch in ipairs(chapters) do
    local seen_title = false
    local sec, sub = 0, 0
    local section = nil         -- the reading flow's current ## section
    local group = nil           -- the open tests group, if any
    ch.sections = {}
    ch.checks = {}
    ch.headings = {}            -- titles of the flow's ## sections, for the structure check
    for _, p in ipairs(ch.pieces) do
      if p.kind == "docs" then
        local text = docs_markdown(p)
        local what = string.format("%s:%d", ch.file, p.line)
        local title_here = false
        local blocks = register_ids(read_markdown(text), ch.page, what, explicit_ids(text))
        if #blocks > 0 and not seen_title then
          local b = blocks[1]
          if b.t ~= "Header" or b.level ~= 1 then
            die("%s: the chapter must open with its title, a line '# Title'", what)
          end
        end
        -- the line of the k-th heading of this chunk, for messages
        local function heading_line(k)
          local n, at = 0, 0
          for l in (text .. "\n"):gmatch("(.-)\n") do
            if l:match("^#+%s") then
              n = n + 1
              if n == k then return p.line + at end
            end
            at = at + 1
          end
          return p.line
        end
        local flow, nheads = {}, 0
        for _, b in ipairs(blocks) do
          local to_group = group ~= nil
          if b.t == "Header" then
            nheads = nheads + 1
            if group and b.level <= group.level then group, to_group = nil, false end
            if b.level == 1 then
              if seen_title then
                die("%s:%d: a second level-1 heading '# %s'; a chapter has one title "
                    .. "(use '## ' for a section)", ch.file, heading_line(nheads),
                    pandoc.utils.stringify(b))
              end
              title_here = true
              seen_title = true
              ch.title = b.content
              ch.title_id = b.identifier
              b.attributes["number"] = ch.num
              heading_info[b.identifier] = { num = ch.num, kind = ch.appendix and "appendix" or "chapter", ch = ch }
            elseif b.classes:includes("checks") then
              if b.level > 3 then
                die("%s:%d: a tests heading {.checks} must be '## ' or '### '", ch.file, heading_line(nheads))
              end
              if ch.appendix then
                die("%s:%d: an appendix has no tests part; {.checks} is for chapters", ch.file, heading_line(nheads))
              end
              group = { level = b.level, header = b, items = {}, section = b.level == 3 and section or nil }
              insert(ch.checks, group)
              group.num = "T." .. ch.num .. "." .. #ch.checks
              b.attributes["number"] = group.num
              b.level = 3
              heading_info[b.identifier] = { num = group.num, kind = "section", ch = ch }
              insert(flow, { tests_note = group })
              to_group = true
            elseif group then
              b.level = math.min(6, 3 + b.level - group.level)
              b.classes:insert("unnumbered")
            elseif not b.classes:includes("unnumbered") then
              if b.level == 2 then
                sec, sub = sec + 1, 0
                b.attributes["number"] = ch.num .. "." .. sec
                section = { id = b.identifier, content = b.content, number = b.attributes["number"] }
                insert(ch.sections, section)
                heading_info[b.identifier] = { num = section.number, kind = "section", ch = ch }
                ch.headings[pandoc.utils.stringify(b)] = true
              elseif b.level == 3 then
                sub = sub + 1
                b.attributes["number"] = ch.num .. "." .. sec .. "." .. sub
                heading_info[b.identifier] = { num = b.attributes["number"], kind = "section", ch = ch }
              end
            end
          end
          if to_group then
            move_ids({ b }, CHECKS_PAGE)
            insert(group.items, b)
          else
            insert(flow, b)
          end
        end
        -- figures are numbered in the chapter's order: Figure 5.1, ...
        for i, b in ipairs(flow) do
          if not b.tests_note then
            flow[i] = pandoc.walk_block(pandoc.Div({ b }), { Div = function(d)
              if not d.classes:includes("figure") then return nil end
              ch.nfig = (ch.nfig or 0) + 1
              local num = ch.num .. "." .. ch.nfig
              if d.identifier == "" then
                d.identifier = claim_id("figure-" .. ch.stem .. "-" .. ch.nfig, ch.page, true, what)
              end
              heading_info[d.identifier] = { num = num, kind = "figure", ch = ch }
              local cap = d.content[#d.content]
              if cap and cap.t == "Para" then
                cap.content:insert(1, pandoc.Space())
                cap.content:insert(1, pandoc.Strong({ pandoc.Str("Figure\u{a0}" .. num .. ".") }))
              end
              return d
            end }).content[1]
          end
        end
        -- questions' answers leave the flow for the appendix
        local plain = {}
        for _, b in ipairs(flow) do if not b.tests_note then insert(plain, b) end end
        take_answers(ch, plain, what)
        p.flow = flow
      elseif not seen_title then
        die("%s:%d: the chapter must open with its title, '# Title', before any code",
            ch.file, p.line)
      else
        if group then
          p.checks = group
          p.page = CHECKS_PAGE
          used_ids[p.label] = CHECKS_PAGE
          insert(group.items, { chunk = p })
        end
      end
    end
    if not seen_title then
      die("%s: no title; the first documentation chunk must open with '# Title'", ch.file)
    end
  end
end

local function url_unescape(s)
  return (s:gsub("%%(%x%x)", function(h) return string.char(tonumber(h, 16)) end))
end

-- The text a link without text gets: "chapter 3", "appendix B", "§3.2",
-- or a chunk's ⟨name n⟩, so that numbers in the prose follow the book.
local function auto_text(id)
  local info = heading_info[id]
  if info and (info.kind == "chapter" or info.kind == "appendix") then
    return words(info.kind .. " " .. info.num)
  elseif info and info.kind == "figure" then
    return { pandoc.Str("Figure\u{a0}" .. info.num) }
  elseif info then
    return { pandoc.Str("§" .. info.num) }
  elseif bylabel[id] then
    return chunk_ref_inlines(id)
  end
  return nil
end

-- What every chapter (not an appendix) must have, as a lecturer assigns
-- it: an opening, then at its end a summary, how Linux differs, and
-- questions, at least one of them "predict, then run", whose answer is a
-- run block.  Missing parts fail the weave, naming the chapter's file.
local ENDINGS = { "Summary", "How Linux differs", "Questions" }
-- book.mk sets BOOK_REQUIRE_ENDINGS=1 for the book itself; a weave of
-- something else (a test's scratch chapter) only warns.
local ENDINGS_STRICT = os.getenv("BOOK_REQUIRE_ENDINGS") == "1"
local function check_endings()
  local problems = {}
  for _, ch in ipairs(chapters) do
    if not ch.appendix then
      for _, h in ipairs(ENDINGS) do
        if not ch.headings[h] then
          insert(problems, string.format("%s: the chapter has no '## %s' section", ch.file, h))
        end
      end
      if not ch.answer_runs then
        insert(problems, string.format("%s: no question has an answer with a run block " ..
          "(a 'predict, then run' question: '::: answer' holding a ```{.run} block)", ch.file))
      end
    end
  end
  if #problems == 0 then return end
  if ENDINGS_STRICT then die("%s", concat(problems, "\n")) end
  for _, p in ipairs(problems) do io.stderr:write("book: warning: " .. p .. "\n") end
end

-- Internal links: check the target exists and, in HTML, name its page.
--   [text](#id)            a heading, a chunk or an element
--   [](#id)                the same, with the text made from its number
--   [](#NN-slug)           a chapter, by its file name: "chapter 3"
--   [](#fig-id)            a figure (```{.figure #fig-id ...}```): "Figure 3.1"
--   [](<#chunk:a name>)    a chunk, by its name without [[ ]]: ⟨a name 3.4⟩
--   [](#id){.num}          only the number of the chunk or heading: 3.4
-- In the PDF, a link to a section of another chapter (or of the front
-- matter) is followed by that section's page number, for a reader on paper.
local function fix_links(blocks, what, here)
  return pandoc.walk_block(pandoc.Div(blocks), {
    Link = function(l)
      local id = l.target:match("^#(.+)$")
      if id then
        id = url_unescape(id)
        local chunk_name = id:match("^chunk:(.+)$")
        if chunk_name then
          local p = chunk_by_plain_name[chunk_name]
          if not p then
            die("%s: the link to the chunk <<%s>> has no target (no chunk has that name)", what, chunk_name)
          end
          id = p.label
        elseif chapter_by_stem[id] then
          id = chapter_by_stem[id].title_id
        end
        local page = used_ids[id]
        if not page then
          die("%s: the link to #%s has no target (no chapter, heading, chunk or element has that id)",
              what, id)
        end
        if l.classes:includes("num") then
          -- [](#target){.num}: the bare number of a chunk or heading
          local info = heading_info[id]
          local num = (info and info.num) or (bylabel[id] and bylabel[id].num)
          if not num then die("%s: the link to #%s{.num} is not to a chunk or numbered heading", what, id) end
          l.content = { pandoc.Str(num) }
        elseif #l.content == 0 then
          l.content = auto_text(id) or die("%s: the link to #%s needs a text (it is not a chapter, " ..
                                           "section or chunk)", what, id)
        end
        l.target = page_href(page, id)
        if MODE == "latex" and heading_ids[id] and page ~= here then
          return { l, pandoc.RawInline("latex", "\\nwpage{" .. id .. "}") }
        end
        return l
      end
    end,
  }).content
end

-- A chapter or section named by its number in plain text goes stale when
-- chapters move; the prose must link instead ([](#NN-slug), [](#id)).
local plain_ref_errors = {}
local function check_plain_refs(blocks, what)
  local stripped = pandoc.walk_block(pandoc.Div(blocks), {
    Link = function() return pandoc.Str("[link]") end,
    Code = function() return pandoc.Str("[code]") end,
    CodeBlock = function() return {} end,
    RawBlock = function() return {} end,
  })
  local text = pandoc.utils.stringify(stripped)
  for _, pat in ipairs({ "[Cc]hapters? %d+", "[Aa]ppendix %u%f[%W]", "§%s*[%dTA-Z]+%.%d" }) do
    local from = 1
    while true do
      local at = text:find(pat, from)
      if not at then break end
      insert(plain_ref_errors, string.format("%s: \"%s\"", what, (text:sub(at, at + 24):gsub("%s+", " "))))
      from = at + 1
    end
  end
end

local function report_plain_refs()
  if #plain_ref_errors == 0 then return end
  die("these name a chapter or section by its number; write a link instead, [](#NN-slug) " ..
      "for a chapter or [](#section-id) for a section, so the number follows the book:\n  %s",
      concat(plain_ref_errors, "\n  "))
end

-- In HTML the heading numbers are written into the heading; in LaTeX the
-- chapter counter is set and LaTeX numbers (the same way).
local function number_headings(blocks)
  return pandoc.walk_block(pandoc.Div(blocks), {
    Header = function(h)
      local num = h.attributes["number"]
      if num and MODE == "html" then
        local inl = { pandoc.Span({ pandoc.Str(num) }, { class = "header-section-number" }),
                      pandoc.Space() }
        for _, x in ipairs(h.content) do insert(inl, x) end
        h.content = inl
      end
      return h
    end,
  }).content
end

------------------------------------------------------------------------------
-- Code chunks -> blocks

local function placeholder_check(p)
  for _, s in ipairs(p.segs) do
    if s.text and s.text:find("nwPH%d+Q") then
      die("%s:%d: the code of <<%s>> contains the weaver's placeholder pattern nwPH<n>Q",
          p.chapter.file, p.line, p.name)
    end
  end
end

local function use_html(p, s)
  if s.kind == "use" then
    local first = bylabel[s.ref]
    return string.format('<a class="chunkref" href="%s">⟨%s&#8239;%s⟩</a>',
      html_escape(chunk_href(s.ref)), name_html(s.name), first.num)
  end
  if s.ref == p.label or not bylabel[s.ref] then return html_escape(s.text) end
  return string.format('<a class="ident" href="%s">%s</a>',
    html_escape(chunk_href(s.ref)), html_escape(s.text))
end

local function use_latex(p, s)
  if s.kind == "use" then
    local first = bylabel[s.ref]
    return string.format("\\hyperlink{%s}{\\nwname{%s}{%s}}", s.ref, name_latex(s.name), first.num)
  end
  if s.ref == p.label or not bylabel[s.ref] then return latex_escape(s.text) end
  return string.format("\\nwident{%s}{%s}", s.ref, latex_escape(s.text))
end

-- The chunk's code, highlighted, with its uses as links (see the top).
local function code_raw(p)
  placeholder_check(p)
  local parts, subs = {}, {}
  for _, s in ipairs(p.segs) do
    if s.kind == "text" then insert(parts, s.text)
    elseif s.kind == "nl" then insert(parts, "\n")
    else
      insert(subs, s)
      insert(parts, "nwPH" .. #subs .. "Q")
    end
  end
  local code = concat(parts):gsub("\n$", "")
  local nlines = select(2, code:gsub("\n", "")) + 1
  local out
  if MODE == "html" then
    if p.lang then
      out = pandoc.write(pandoc.Pandoc({ pandoc.CodeBlock(code,
              pandoc.Attr(p.label .. "-code", { p.lang })) }), "html")
      -- Drop pandoc's per-line anchors and line wrappers (a third of a
      -- chapter's HTML otherwise); every line has exactly one wrapper.
      out = out:gsub('<a href="#[^"]*" aria%-hidden="true" tabindex="%-1"></a>', "")
      out = out:gsub('<span id="[^"]*%-code%-%d+">', "")
      out = out:gsub("</span>\n", "\n"):gsub("</span></code></pre>", "</code></pre>")
    end
    if not out or not out:find('class="sourceCode', 1, true) then
      out = '<div class="sourceCode"><pre class="sourceCode"><code>'
            .. html_escape(code) .. "</code></pre></div>"
    end
    out = out:gsub("nwPH(%d+)Q", function(k) return use_html(p, subs[tonumber(k)]) end)
  else
    if p.lang then
      out = pandoc.write(pandoc.Pandoc({ pandoc.CodeBlock(code, pandoc.Attr("", { p.lang })) }),
                         "latex")
    end
    if not out or not out:find("\\begin{Highlighting}", 1, true) then
      out = "\\begin{Shaded}\n\\begin{Highlighting}[]\n" .. verb_escape(code)
            .. "\n\\end{Highlighting}\n\\end{Shaded}"
    end
    -- fvextra's line breaking doubles xelatex's time on code, so only a
    -- chunk with a line wider than the page gets it. A use counts as its
    -- name and number in code columns, which is wider than it is set.
    local visible = code:gsub("nwPH(%d+)Q", function(k)
      local s = subs[tonumber(k)]
      if s.kind == "use" then return string.rep("x", utf8.len(s.name) + #bylabel[s.ref].num + 3) end
      return s.text
    end)
    if widest_line(visible) > CHUNK_COLUMNS then
      out = out:gsub("\\begin{Highlighting}%[%]", "\\begin{Highlighting}[breaklines=true,breakanywhere=true]", 1)
    end
    out = out:gsub("nwPH(%d+)Q", function(k) return use_latex(p, subs[tonumber(k)]) end)
  end
  return out, nlines
end

local function link_num(label)
  local p = bylabel[label]
  return pandoc.Link({ pandoc.Str(p.num) }, chunk_href(label), plain_name(p.name))
end

-- "0.1, 0.3 and 1.2" as links
local function num_list(labels)
  local inl = {}
  for i, l in ipairs(labels) do
    if i > 1 then
      insert(inl, pandoc.Str(i == #labels and "" or ","))
      insert(inl, pandoc.Space())
      if i == #labels then insert(inl, pandoc.Str("and")); insert(inl, pandoc.Space()) end
    end
    insert(inl, link_num(l))
  end
  return inl
end

local function sentence(lead, inl, class)
  local all = words(lead)
  insert(all, pandoc.Space())
  for _, x in ipairs(inl) do insert(all, x) end
  insert(all, pandoc.Str("."))
  return pandoc.Div({ pandoc.Plain(all) }, { class = class })
end

local function without(labels, own)
  local out = {}
  for _, l in ipairs(labels) do if l ~= own and bylabel[l] then insert(out, l) end end
  return out
end

local function chunk_footer(p)
  local lines = {}
  if p.prevdef then
    insert(lines, sentence("Continues", { link_num(p.prevdef) }, "continues"))
    if p.nextdef then insert(lines, sentence("Continued in", { link_num(p.nextdef) }, "continued")) end
  elseif #p.contdefs > 0 then
    insert(lines, sentence("Continued in", num_list(p.contdefs), "continued"))
  end
  if p.root and not p.prevdef then
    if p.name:match("^kernel/") then
      insert(lines, sentence("Root chunk, written to the file", { pandoc.Code(p.name) }, "root"))
    else
      insert(lines, pandoc.Div({ pandoc.Plain(words("Root chunk: no other chunk uses it.")) },
                               { class = "root" }))
    end
  end
  if #p.usedin > 0 then
    insert(lines, sentence("Used in", num_list(p.usedin), "used-in"))
  end
  if #p.defs > 0 then
    local inl = {}
    for i, d in ipairs(p.defs) do
      if i > 1 then insert(inl, pandoc.Str(";")); insert(inl, pandoc.Space()) end
      insert(inl, pandoc.Span({ pandoc.Code(d.name) }, { id = "", class = "def" }))
      local used = without(d.used, p.label)
      insert(inl, pandoc.Space())
      if #used > 0 then
        insert(inl, pandoc.Str("(used in"))
        insert(inl, pandoc.Space())
        for _, x in ipairs(num_list(used)) do insert(inl, x) end
        insert(inl, pandoc.Str(")"))
      else
        insert(inl, pandoc.Str("(not used elsewhere)"))
      end
    end
    insert(lines, sentence("Defines", inl, "defines"))
  end
  local uses = {}
  for _, u in ipairs(p.iuses) do if bylabel[u.def] then insert(uses, u) end end
  if #uses > 0 then
    local inl = {}
    for i, u in ipairs(uses) do
      if i > 1 then insert(inl, pandoc.Str(",")); insert(inl, pandoc.Space()) end
      insert(inl, pandoc.Link({ pandoc.Code(u.name), pandoc.Space(), pandoc.Str(bylabel[u.def].num) },
                              chunk_href(u.def), plain_name(bylabel[u.def].name)))
    end
    insert(lines, sentence("Uses", inl, "uses"))
  end
  return lines
end

local function code_blocks(p)
  local first = bylabel[p.firstref] or p
  local op = p.prevdef and "+≡" or "≡"
  local code, nlines = code_raw(p)
  local footer = chunk_footer(p)
  if MODE == "html" then
    local name = string.format("⟨%s&#8239;%s⟩", name_html(p.name), first.num)
    if p.prevdef then
      name = string.format('<a class="chunk-name" href="%s">%s</a>',
                           html_escape(chunk_href(first.label)), name)
    else
      name = '<span class="chunk-name">' .. name .. "</span>"
    end
    local head = string.format(
      '<div class="chunk-head"><a class="chunk-num" href="#%s" title="link to this chunk">%s</a> %s&#8288;<span class="chunk-op">%s</span></div>',
      p.label, p.num, name, op)
    local content = { pandoc.RawBlock("html", head .. "\n" .. code) }
    if #footer > 0 then insert(content, pandoc.Div(footer, { class = "chunk-xref" })) end
    return { pandoc.Div(content, { id = p.label, class = "chunk" }) }
  else
    local name = string.format("\\nwname{%s}{%s}", name_latex(p.name), first.num)
    if p.prevdef then name = string.format("\\hyperlink{%s}{%s}", first.label, name) end
    -- Keep a short chunk on one page (its lines, the head and the
    -- cross-references, in lines of text): \needspace moves it to the next
    -- page when this one lacks the room.  A longer chunk may break, after
    -- at least its first lines beside its head; keeping every chunk that
    -- fits a page whole left a third of many pages empty.
    local need = nlines + 2 + #footer
    if nlines > KEEP_LINES then need = 8 end
    local head = string.format("\\nwchunkhead{%d}{%s}{%s}{%s}{%s}",
      need, p.label, p.num, name, p.prevdef and "\\nwcont" or "\\nwdef")
    local out = { pandoc.RawBlock("latex", head .. "\n" .. code) }
    insert(out, pandoc.RawBlock("latex", "\\begin{nwxref}"))
    -- The cross-references run on in one paragraph, as in noweb's own
    -- printed programs, instead of a line each.
    local run_on = {}
    for i, b in ipairs(footer) do
      if i > 1 then insert(run_on, pandoc.Space()) end
      for _, x in ipairs(b.content) do
        for _, y in ipairs(x.content) do insert(run_on, y) end
      end
    end
    if #run_on > 0 then insert(out, pandoc.Para(run_on)) end
    -- Mark the chunk's end inside its last line, for the test that checks
    -- a chunk that fits is on one page (book/tests/book_test.c).
    local last = out[#out]
    if last.t == "Para" or last.t == "Plain" then
      last.content:insert(pandoc.RawInline("latex", "\\nwchunkend{" .. p.label .. "}"))
    end
    insert(out, pandoc.RawBlock("latex", "\\end{nwxref}"))
    return out
  end
end

------------------------------------------------------------------------------
-- Parts

local function title_inlines(ch)
  local inl = {}
  for _, x in ipairs(ch.title) do insert(inl, x) end
  return inl
end

local function link_to(id, inl)
  return pandoc.Link(inl, "#" .. id)
end

-- "chapter 3, Getting pages" as inlines (a link to the chapter)
local function chapter_ref(ch)
  local inl = words((ch.appendix and "appendix " or "chapter ") .. ch.num .. ",")
  insert(inl, pandoc.Space())
  insert(inl, pandoc.Emph(title_inlines(ch)))
  return { link_to(ch.title_id, inl) }
end

-- The LaTeX that sets the chapter counter for @ch (\appendix before the
-- first appendix is written by the caller).
local function latex_chapter_counter(ch)
  return pandoc.RawBlock("latex", string.format("\\setcounter{chapter}{%d}", ch.ordinal - 1))
end

-- Where a tests group left the flow: a line that links to it.
local function tests_note(group)
  local lead = group.section and "The tests of this section are in" or "The tests of this chapter are in"
  local inl = words(lead)
  insert(inl, pandoc.Space())
  insert(inl, link_to(group.header.identifier, { pandoc.Str("§" .. group.num) }))
  insert(inl, pandoc.Str(","))
  insert(inl, pandoc.Space())
  insert(inl, pandoc.Emph(group.header.content))
  insert(inl, pandoc.Str(","))
  insert(inl, pandoc.Space())
  for _, x in ipairs(words("in the part")) do insert(inl, x) end
  insert(inl, pandoc.Space())
  insert(inl, link_to("nw-checking", words("Checking our work")))
  insert(inl, pandoc.Str("."))
  return pandoc.Div({ pandoc.Para(inl) }, { class = "tests-note" })
end

local function chapter_blocks(ch)
  local blocks = {}
  if MODE == "latex" then insert(blocks, latex_chapter_counter(ch)) end
  for _, p in ipairs(ch.pieces) do
    if p.kind == "docs" then
      local flow = {}
      for _, b in ipairs(p.flow) do insert(flow, b.tests_note and tests_note(b.tests_note) or b) end
      check_plain_refs(flow, string.format("%s:%d", ch.file, p.line))
      for _, b in ipairs(number_headings(fix_links(flow, ch.file, ch.page))) do insert(blocks, b) end
    elseif not p.checks then
      for _, b in ipairs(code_blocks(p)) do insert(blocks, b) end
    end
  end
  return blocks
end

-- The part "Checking our work": a section a chapter (T.N for chapter N),
-- each of the chapter's tests groups a subsection, with links both ways.
-- In HTML a group folds (details/summary); book/html/book.js opens the
-- group a link points into.
local function checks_blocks()
  local blocks = {}
  local h = pandoc.Header(1, words("Checking our work"), { id = "nw-checking" })
  if MODE == "latex" then
    insert(blocks, pandoc.RawBlock("latex", "\\nwtestspart"))
  else
    h.attributes["number"] = "T"
  end
  insert(blocks, h)
  local intro = words("Each chapter's tests, kept in its file beside the code they " ..
    "check and printed here instead of in the reading: host tests run the memory manager under " ..
    "Criterion with the sanitizers, self-tests run inside the booted kernel, and boot tests start " ..
    "QEMU and read the console.")
  insert(intro, pandoc.Space())
  insert(intro, pandoc.Code("make test"))
  for _, w in ipairs(words(" runs them all. Section T.N holds the tests of chapter N.")) do insert(intro, w) end
  insert(blocks, pandoc.Para(intro))
  for _, ch in ipairs(chapters) do
    if #ch.checks > 0 then
      local sh = pandoc.Header(2, title_inlines(ch), { id = "nw-checks-" .. ch.stem })
      sh.attributes["number"] = "T." .. ch.num
      if MODE == "latex" then
        insert(blocks, pandoc.RawBlock("latex", string.format("\\setcounter{section}{%d}", ch.ordinal - 1)))
      end
      insert(blocks, sh)
      local inl = words("The tests of")
      insert(inl, pandoc.Space())
      for _, x in ipairs(chapter_ref(ch)) do insert(inl, x) end
      insert(inl, pandoc.Str("."))
      insert(blocks, pandoc.Para(inl))
      for _, g in ipairs(ch.checks) do
        local gb = {}
        if MODE == "html" then
          insert(gb, pandoc.RawBlock("html", '<details class="tests">\n<summary>'))
        end
        insert(gb, g.header)
        if MODE == "html" then insert(gb, pandoc.RawBlock("html", "</summary>")) end
        local back
        if g.section then
          back = words("These check")
          insert(back, pandoc.Space())
          insert(back, link_to(g.section.id, { pandoc.Str("§" .. g.section.number) }))
          insert(back, pandoc.Str(","))
          insert(back, pandoc.Space())
          insert(back, pandoc.Emph(g.section.content))
          insert(back, pandoc.Str("."))
        else
          back = words("These check the code of")
          insert(back, pandoc.Space())
          for _, x in ipairs(chapter_ref(ch)) do insert(back, x) end
          insert(back, pandoc.Str("."))
        end
        insert(gb, pandoc.Div({ pandoc.Para(back) }, { class = "tests-back" }))
        for _, item in ipairs(g.items) do
          if item ~= g.header then
            if item.chunk then
              for _, b in ipairs(code_blocks(item.chunk)) do insert(gb, b) end
            else
              insert(gb, item)
            end
          end
        end
        if MODE == "html" then insert(gb, pandoc.RawBlock("html", "</details>")) end
        for _, b in ipairs(gb) do insert(blocks, b) end
      end
    end
  end
  return number_headings(fix_links(blocks, "the part Checking our work", CHECKS_PAGE))
end

-- The appendix of answers: the answers of each chapter's questions, each
-- linked to its question and back.
local function answers_blocks()
  local h = pandoc.Header(1, words("Answers to the questions"), { id = "nw-answers" })
  h.attributes["number"] = ANSWERS_LETTER
  local blocks = {}
  if MODE == "latex" then
    insert(blocks, pandoc.RawBlock("latex", "\\setcounter{chapter}{0}"))
  end
  insert(blocks, h)
  insert(blocks, pandoc.Para(words("Where a question asks you to predict what a command prints, " ..
    "the answer is the kernel's own output, captured when this book was built.")))
  local last
  for _, a in ipairs(answers) do
    if a.ch ~= last then
      last = a.ch
      local inl = {}
      for _, x in ipairs(words((a.ch.appendix and "Appendix " or "Chapter ") .. a.ch.num .. ":")) do insert(inl, x) end
      insert(inl, pandoc.Space())
      for _, x in ipairs(title_inlines(a.ch)) do insert(inl, x) end
      insert(blocks, pandoc.Header(2, inl, { id = "nw-answers-" .. a.ch.stem, class = "unnumbered" }))
    end
    local head = { pandoc.Strong({ link_to(a.qid, { pandoc.Str("Question\u{a0}" .. a.ch.num .. "." .. a.q) }) }),
                   pandoc.Str(".") }
    local content = { pandoc.Para(head) }
    for _, b in ipairs(a.blocks) do insert(content, b) end
    insert(blocks, pandoc.Div(content, { id = a.id, class = "answer" }))
  end
  if #answers == 0 then insert(blocks, pandoc.Para(words("No question has an answer yet."))) end
  return number_headings(fix_links(blocks, "the appendix of answers", ANSWERS_PAGE))
end

local front_blocks = {}
-- The front matter's blocks, its links resolved (after the chunks are numbered).
local function front_matter()
  local out = {}
  for _, b in ipairs(fix_links(front_blocks, "the front matter", "index.html")) do insert(out, b) end
  check_plain_refs(out, "the front matter (book/front/)")
  return out
end
local function setup_front()
  for file in FRONT:gmatch("%S+") do
    local f = io.open(file, "r")
    if not f then die("cannot read the front-matter file %s", file) end
    local text = f:read("a")
    f:close()
    local blocks = register_ids(read_markdown(text), "index.html", file, explicit_ids(text))
    blocks = pandoc.walk_block(pandoc.Div(blocks), {
      Header = function(h)
        h.classes:insert("unnumbered")
        if MODE == "html" then h.level = h.level + 1 end
        return h
      end,
    }).content
    for _, b in ipairs(blocks) do insert(front_blocks, b) end
  end
end

-- The HTML pages in reading order: the chapters, the tests part, the
-- answers, the appendices, the chunk list and the index.
local function page_sequence()
  local seq = {}
  local function add(page, num, inl, part, ch)
    insert(seq, { page = page, num = num, title = inl, part = part, ch = ch })
  end
  for _, ch in ipairs(chapters) do
    if not ch.appendix then add(ch.page, ch.num, title_inlines(ch), ch.stem, ch) end
  end
  add(CHECKS_PAGE, "T", words("Checking our work"), "checking")
  add(ANSWERS_PAGE, ANSWERS_LETTER, words("Answers to the questions"), "answers")
  for _, ch in ipairs(chapters) do
    if ch.appendix then add(ch.page, ch.num, title_inlines(ch), ch.stem, ch) end
  end
  add("chunks.html", nil, words("Chunks"), "chunks")
  add("identifiers.html", nil, words("Index of identifiers"), "identifiers")
  return seq
end

local function toc_entry(num, inl, href)
  local all = {}
  if num then
    insert(all, pandoc.Span({ pandoc.Str(num) }, { class = "toc-number" }))
    insert(all, pandoc.Space())
  end
  for _, x in ipairs(inl) do insert(all, x) end
  return pandoc.Plain({ pandoc.Link(all, href) })
end

local function contents_blocks()
  local items = {}
  for _, e in ipairs(page_sequence()) do
    local item = { toc_entry(e.num, e.title, e.page) }
    local subs = {}
    if e.ch then
      for _, s in ipairs(e.ch.sections) do
        insert(subs, { toc_entry(s.number, s.content, e.page .. "#" .. s.id) })
      end
    elseif e.part == "checking" then
      for _, ch in ipairs(chapters) do
        if #ch.checks > 0 then
          insert(subs, { toc_entry("T." .. ch.num, title_inlines(ch), CHECKS_PAGE .. "#nw-checks-" .. ch.stem) })
        end
      end
    end
    if #subs > 0 then insert(item, pandoc.BulletList(subs)) end
    insert(items, item)
  end
  local blocks = {
    pandoc.Header(2, { pandoc.Str("Contents") }, { id = "contents", class = "unnumbered" }),
    pandoc.Div({ pandoc.BulletList(items) }, { class = "toc" }),
  }
  if #chapters == 0 then
    insert(blocks, pandoc.Para(words("There are no chapters yet.")))
  end
  for _, b in ipairs(front_matter()) do insert(blocks, b) end
  return blocks
end

-- A chapter page's own short contents: its sections.
local function chapter_toc(ch)
  if #ch.sections < 2 then return {} end
  local items = {}
  for _, s in ipairs(ch.sections) do
    insert(items, { toc_entry(s.number, s.content, "#" .. s.id) })
  end
  return { pandoc.Div({ pandoc.BulletList(items) }, { class = "page-toc" }) }
end

local function sort_key(s)
  return (s:gsub("%[%[", ""):gsub("%]%]", ""):gsub("^_+", ""):lower())
end

local function by_key(a, b)
  local ka, kb = sort_key(a.name), sort_key(b.name)
  if ka ~= kb then return ka < kb end
  return a.name < b.name
end

local function chunk_entry(e)
  local defns = {}
  for _, l in ipairs(e.defns) do if bylabel[l] then insert(defns, l) end end
  local uses = {}
  for _, l in ipairs(e.uses) do if bylabel[l] then insert(uses, l) end end
  if #defns == 0 then return nil end
  local inl = { pandoc.Link(chunk_ref_inlines(defns[1]), chunk_href(defns[1])), pandoc.Str(":"),
                pandoc.Space() }
  for _, x in ipairs(words("defined in")) do insert(inl, x) end
  insert(inl, pandoc.Space())
  for _, x in ipairs(num_list(defns)) do insert(inl, x) end
  if #uses > 0 then
    insert(inl, pandoc.Str(";")); insert(inl, pandoc.Space())
    for _, x in ipairs(words("used in")) do insert(inl, x) end
    insert(inl, pandoc.Space())
    for _, x in ipairs(num_list(uses)) do insert(inl, x) end
  elseif bylabel[defns[1]].root then
    insert(inl, pandoc.Str(";")); insert(inl, pandoc.Space())
    for _, x in ipairs(words("a root")) do insert(inl, x) end
  end
  insert(inl, pandoc.Str("."))
  return { pandoc.Plain(inl) }
end

-- A list of index entries (each a list of blocks): an HTML list, or in
-- LaTeX compact paragraphs with a hanging indent.
local function entry_list(items, class)
  if MODE == "html" then
    return { pandoc.Div({ pandoc.BulletList(items) }, { class = class }) }
  end
  local out = { pandoc.RawBlock("latex", "\\begin{nwentries}") }
  for _, item in ipairs(items) do
    for _, b in ipairs(item) do
      insert(out, b.t == "Plain" and pandoc.Para(b.content) or b)
    end
  end
  insert(out, pandoc.RawBlock("latex", "\\end{nwentries}"))
  return out
end

local function chunks_blocks()
  local entries = {}
  for _, e in ipairs(chunklist) do insert(entries, e) end
  table.sort(entries, by_key)
  local files, all = {}, {}
  for _, e in ipairs(entries) do
    local item = chunk_entry(e)
    if item then
      insert(all, item)
      local p = bylabel[e.defns[1]]
      if p and p.root and e.name:match("^kernel/") then insert(files, item) end
    end
  end
  local blocks = {
    pandoc.Header(1, words("Chunks"), { id = "nw-chunks", class = "unnumbered" }),
    pandoc.Para(words("Every code chunk by name, with the chunks that define it and the "
      .. "chunks that use it. A number such as 3.12 is the twelfth chunk of chapter 3.")),
    pandoc.Header(2, words("Files"), { id = "nw-chunks-files", class = "unnumbered" }),
    pandoc.Para(words("The root chunks: each is written to the file it names.")),
  }
  for _, b in ipairs(entry_list(files, "chunk-list")) do insert(blocks, b) end
  insert(blocks, pandoc.Header(2, words("All chunks"), { id = "nw-chunks-all", class = "unnumbered" }))
  for _, b in ipairs(entry_list(all, "chunk-list")) do insert(blocks, b) end
  return blocks
end

local function identifiers_blocks()
  local entries = {}
  for _, e in ipairs(identlist) do insert(entries, e) end
  table.sort(entries, by_key)
  local blocks = {
    pandoc.Header(1, words("Index of identifiers"), { id = "nw-identifiers", class = "unnumbered" }),
    pandoc.Para(words("Each identifier that a chunk defines, with the chunk that defines it "
      .. "(bold) and the chunks that use it.")),
  }
  local groups, order = {}, {}
  for _, e in ipairs(entries) do
    local key = sort_key(e.name)
    local letter = key:sub(1, 1):upper()
    if not letter:match("%a") then letter = "_" end
    if not groups[letter] then groups[letter] = {}; insert(order, letter) end
    local defns = {}
    for _, l in ipairs(e.defns) do if bylabel[l] then insert(defns, l) end end
    local inl = { pandoc.Code(e.name), pandoc.Str(":"), pandoc.Space() }
    -- In the PDF each chunk number is followed by its page, for a reader on paper.
    local function page_of(l)
      if MODE == "latex" then
        insert(inl, pandoc.RawInline("latex", "\\nwpageof{nwb-" .. l .. "}"))
      end
    end
    for i, l in ipairs(defns) do
      if i > 1 then insert(inl, pandoc.Str(",")); insert(inl, pandoc.Space()) end
      insert(inl, pandoc.Strong({ link_num(l) }))
      page_of(l)
    end
    local uses = {}
    for _, l in ipairs(e.uses) do if bylabel[l] then insert(uses, l) end end
    for _, l in ipairs(uses) do
      insert(inl, pandoc.Str(",")); insert(inl, pandoc.Space())
      insert(inl, link_num(l))
      page_of(l)
    end
    insert(inl, pandoc.Str("."))
    insert(groups[letter], { pandoc.Plain(inl) })
  end
  if #order > 0 then
    local jump = {}
    for i, letter in ipairs(order) do
      if i > 1 then insert(jump, pandoc.Space()) end
      insert(jump, pandoc.Link({ pandoc.Str(letter) }, "#nw-idx-" .. letter))
    end
    if MODE == "html" then insert(blocks, pandoc.Div({ pandoc.Plain(jump) }, { class = "letters" })) end
  end
  if MODE == "latex" and #order > 0 then insert(blocks, pandoc.RawBlock("latex", "\\begin{multicols}{2}")) end
  for _, letter in ipairs(order) do
    if MODE == "html" then
      insert(blocks, pandoc.Header(2, { pandoc.Str(letter) },
                                   { id = "nw-idx-" .. letter, class = "unnumbered" }))
    else
      insert(blocks, pandoc.RawBlock("latex", "\\nwletter{" .. letter .. "}"))
    end
    for _, b in ipairs(entry_list(groups[letter], "ident-list")) do insert(blocks, b) end
  end
  if MODE == "latex" and #order > 0 then insert(blocks, pandoc.RawBlock("latex", "\\end{multicols}")) end
  if #order == 0 then insert(blocks, pandoc.Para(words("No identifiers are indexed yet."))) end
  return blocks
end

local function meta_link(href, inl)
  return pandoc.MetaMap({ href = pandoc.MetaString(href), title = pandoc.MetaInlines(inl) })
end

local function chapter_title_meta(ch)
  local inl = { pandoc.Str(ch.num), pandoc.Space() }
  for _, x in ipairs(title_inlines(ch)) do insert(inl, x) end
  return inl
end

-- The pages the weaver writes itself, besides the chapters and the contents.
local generated_parts = {
  chunks = { page = "chunks.html", title = "Chunks", blocks = function() return chunks_blocks() end },
  identifiers = { page = "identifiers.html", title = "Index of identifiers",
                  blocks = function() return identifiers_blocks() end },
  checking = { page = CHECKS_PAGE, title = "Checking our work", blocks = function() return checks_blocks() end },
  answers = { page = ANSWERS_PAGE, title = "Answers to the questions", blocks = function() return answers_blocks() end },
}

function Reader(input, _)
  parse(tostring(input))
  setup_chapters()
  setup_languages()
  setup_docs()
  number_chunks()
  if PART == "book" then check_endings() end
  setup_front()

  local meta = {}
  local blocks = {}
  local seq = page_sequence()
  local function set_neighbours(page)
    for i, e in ipairs(seq) do
      if e.page == page then
        local prev, next = seq[i - 1], seq[i + 1]
        local function t(x)
          local inl = {}
          if x.num then insert(inl, pandoc.Str(x.num)); insert(inl, pandoc.Space()) end
          for _, y in ipairs(x.title) do insert(inl, y) end
          return inl
        end
        meta.prev = prev and meta_link(prev.page, t(prev)) or meta_link("index.html", words("Contents"))
        if next then meta.next = meta_link(next.page, t(next)) end
        return e
      end
    end
  end
  if PART == "index" then
    CURRENT_PAGE = "index.html"
    blocks = contents_blocks()
    meta["page-kind"] = "contents"
    meta["is-contents"] = true
    if seq[1] then meta.next = meta_link(seq[1].page, chapter_title_meta(seq[1].ch or chapters[1])) end
  elseif generated_parts[PART] then
    local g = generated_parts[PART]
    CURRENT_PAGE = g.page
    blocks = g.blocks()
    meta["page-kind"] = PART
    meta["page-title"] = g.title
    set_neighbours(CURRENT_PAGE)
  elseif PART == "book" then
    CURRENT_PAGE = ""
    for _, b in ipairs(front_matter()) do insert(blocks, b) end
    if MODE == "latex" then
      insert(blocks, pandoc.RawBlock("latex", "\\nwcontents\n\\mainmatter"))
    end
    local function add(bs) for _, b in ipairs(bs) do insert(blocks, b) end end
    for _, ch in ipairs(chapters) do
      if not ch.appendix then add(chapter_blocks(ch)) end
    end
    add(checks_blocks())
    if MODE == "latex" then insert(blocks, pandoc.RawBlock("latex", "\\nwappendices")) end
    add(answers_blocks())
    for _, ch in ipairs(chapters) do
      if ch.appendix then add(chapter_blocks(ch)) end
    end
    if MODE == "latex" then insert(blocks, pandoc.RawBlock("latex", "\\backmatter")) end
    add(chunks_blocks())
    add(identifiers_blocks())
    if MODE == "latex" then
      -- \chapter* leaves the running head of the previous chapter; set it.
      local marked = {}
      for _, b in ipairs(blocks) do
        insert(marked, b)
        if b.t == "Header" and b.level == 1 and b.classes:includes("unnumbered") then
          local t = latex_escape(pandoc.utils.stringify(b))
          insert(marked, pandoc.RawBlock("latex", string.format(
            "\\markboth{\\MakeUppercase{%s}}{\\MakeUppercase{%s}}", t, t)))
        end
      end
      blocks = marked
    end
  else
    local ch
    for _, c in ipairs(chapters) do if c.stem == PART then ch = c end end
    if not ch then die("BOOK_PART=%s: no chapter %s.nw in the markup stream", PART, PART) end
    CURRENT_PAGE = ch.page
    blocks = chapter_blocks(ch)
    local toc = chapter_toc(ch)
    for i = #toc, 1, -1 do insert(blocks, 2, toc[i]) end
    meta["page-kind"] = "chapter"
    meta["page-title"] = pandoc.utils.stringify(chapter_title_meta(ch))
    set_neighbours(ch.page)
  end
  report_plain_refs()
  return pandoc.Pandoc(blocks, meta)
end
