/// The differential grid run by PatternDifferentialTests through both the sandbox and the stock
/// `lua5.4` interpreter: find, match, gmatch and gsub over subjects and patterns (fixed ones
/// covering captures, anchors, `%f`, `%b`, position captures, classes, sets, quantifiers and
/// malformed patterns, 300 drawn by a seeded generator, and longer subjects where the matcher's
/// memo comes into play), with init values, plain find, every kind of gsub replacement and
/// count, argument errors and the table edits. The chunk returns one line per case:
/// `description => results`, strings escaped byte by byte.
let patternGridSource = #"""
  -- The differential grid: every case is one line "description => result".
  local lines = {}

  local function esc(v)
    if type(v) ~= "string" then return tostring(v) end
    local out = {}
    for i = 1, #v do
      local b = v:byte(i)
      if b < 32 or b > 126 or b == 34 or b == 92 then
        out[#out + 1] = "\\" .. b .. ";"
      else
        out[#out + 1] = string.char(b)
      end
    end
    return '"' .. table.concat(out) .. '"'
  end

  local function pack(...)
    local t = table.pack(...)
    local out = {}
    for i = 1, t.n do
      local v = t[i]
      if type(v) == "table" or type(v) == "function" then v = type(v) end
      out[i] = esc(v)
    end
    return table.concat(out, ",")
  end

  local function case(desc, ...)
    lines[#lines + 1] = desc .. " => " .. pack(...)
  end

  local subjects = {
    "", "a", "aaa", "abc", "hello world", "  trim  ", "key = value; k2=v2", "f(a(b)c)d",
    "x=1, y=2", "2024-11-26T15:21:41Z", "\0mid\0", "[[nested]]", "%d+", "THE (quick) fox",
    "a,b,,c", "ab\nba", "\255\128x", "aXbXc", "((a)(b))", "^a^b$", "-12.5e3", "xaxbxcx",
  }

  local fixed = {
    "", "o", "l+", "l*", "l-", "l?", "^h", "d$", "%a+", "%A+", "%s*(.-)%s*$", "^(%w+)",
    "(%w+)%s*=%s*(%w+)", "%b()", "%b((", "%bxx", "%f[%a]%a+", "%f[%A]", "%f[%z]", "()a()",
    "(a*(.)%2)", "[%w_]+", "[^,]*", "[a-c]+", ".-", "(%d+)-(%d+)-(%d+)", "%z", "%%d%+",
    "[%]]", "x", "^", "$", "^$", "a$b", "$$", "[]]", "[^]]", "[]-a]+", "[a-]", "[-a]", "[%a-z]",
    "[a-%%]", "[%%]", "[^%s]+", "%g+", "%p", "%c%x+", "%u%l", "%q", "%.", "(()", "((a)(b))",
    "(a)(b)?", "(.)%1", "(.)(.)%2%1", "()%1", "(a+)-", "a-b", "x*$", "^x*", "[a-z]-$",
    "^(.-)(%d+)$", "%d%d?%d?", "(h)(e)(l)(l)(o)", "[\0-\31]", "[\128-\255]+", "%S+", "%W",
    "%L%U", "%D-%d", "[+-]?%d+%.?%d*[eE]?[+-]?%d*", "%[%[(.-)%]%]", "^%s*$", "a*a*a*b",
    "(a?)(a?)(a?)", "()", "()()", "(x)", "^()", "()$",
    -- malformed
    "[a", "%", "a%", "(", ")", "a)", "%1", "%0", "(%1)", "%b", "%ba", "%f", "%fa", "%f[a",
    "[", "[^", "[%", "[a%", "(()", "x[", "x(", "%b()%", "((((((((((((((((((((((((((((((((((a",
    "(((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))",
  }

  -- Generated patterns: a deterministic linear congruential generator picks tokens.
  local seed = 12345
  local function rand(n)
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed % n + 1
  end
  local atoms = {
    "a", "b", "x", ".", "%a", "%d", "%s", "%w", "%p", "%u", "%l", "%A", "[ab]", "[^a]",
    "[a-c]", "[%d_]", "[%]x]", "[^%s]", "%%", "%.", "-", ",", "=",
  }
  local extras = { "(", ")", "()", "%b()", "%f[%w]", "%f[%W]", "%1", "%bab" }
  local quantifiers = { "", "", "", "*", "+", "-", "?" }
  local generated = {}
  for i = 1, 300 do
    local parts = {}
    if rand(5) == 1 then parts[#parts + 1] = "^" end
    for _ = 1, rand(5) do
      if rand(4) == 1 then
        parts[#parts + 1] = extras[rand(#extras)]
      else
        parts[#parts + 1] = atoms[rand(#atoms)] .. quantifiers[rand(#quantifiers)]
      end
    end
    if rand(6) == 1 then parts[#parts + 1] = "$" end
    generated[i] = table.concat(parts)
  end

  local function gmatchAll(s, p, init)
    local results = {}
    local ok, err = pcall(function()
      for a, b, c in string.gmatch(s, p, init) do
        results[#results + 1] = pack(a, b, c)
        if #results > 30 then break end
      end
    end)
    if not ok then return false, err end
    return true, table.concat(results, ";")
  end

  local function counter(...)
    local n = select("#", ...)
    local first = ...
    if first == "b" then return false end
    return n .. ":" .. tostring(first)
  end

  local function run(s, p, full)
    local d = esc(s) .. " " .. esc(p)
    case("find " .. d, pcall(string.find, s, p))
    case("match " .. d, pcall(string.match, s, p))
    case("gmatch " .. d, gmatchAll(s, p))
    case("gsub<%0> " .. d, pcall(string.gsub, s, p, "<%0>"))
    if full then
      case("find@3 " .. d, pcall(string.find, s, p, 3))
      case("find@-2 " .. d, pcall(string.find, s, p, -2))
      case("find@0 " .. d, pcall(string.find, s, p, 0))
      case("find@len+1 " .. d, pcall(string.find, s, p, #s + 1))
      case("find@len+2 " .. d, pcall(string.find, s, p, #s + 2))
      case("findplain@-3 " .. d, pcall(string.find, s, p, -3, true))
      case("match@2 " .. d, pcall(string.match, s, p, 2))
      case("gmatch@2 " .. d, gmatchAll(s, p, 2))
      case("gmatch@-1 " .. d, gmatchAll(s, p, -1))
      case("gsub%1 " .. d, pcall(string.gsub, s, p, "[%1]"))
      case("gsub%2%% " .. d, pcall(string.gsub, s, p, "%2%%"))
      case("gsubfn " .. d, pcall(string.gsub, s, p, counter))
      case("gsubfn,2 " .. d, pcall(string.gsub, s, p, counter, 2))
      case("gsubtable " .. d, pcall(string.gsub, s, p, { a = "A", b = 2, c = false, [1] = "one" }))
      case("gsub,0 " .. d, pcall(string.gsub, s, p, "-", 0))
      case("gsub,1 " .. d, pcall(string.gsub, s, p, "-", 1))
    end
  end

  for _, s in ipairs(subjects) do
    for _, p in ipairs(fixed) do run(s, p, true) end
    for _, p in ipairs(generated) do run(s, p, false) end
  end

  -- Longer subjects, where the matcher's memo comes into play.
  local longSubjects = {
    string.rep("a", 70), string.rep("a", 69) .. "b", string.rep("ab", 35) .. "c",
    string.rep(" ", 30) .. "x y" .. string.rep(" ", 30), string.rep("(a)", 20) .. "((b)",
    "k1=v1; " .. string.rep("key = value; ", 8) .. "end", string.rep("xa", 30) .. string.rep("by", 30),
  }
  local longPatterns = {
    ".-.-b", ".-.-c", "a-a-b", "a*a*b", "(a-)(a-)b", "((.-)(.-))b", "%s*(.-)%s*$",
    "^%s*(.-)%s*$", "(%w+)%s*=%s*(%w+)", "%b()", "%f[%w]%w+", "()a-b()", "[ab]-[ab]-c",
    "(.-)%1", "(a+)%1b", "x?a-by", "(x?a)-b", "(.)(.-)%1$", "a-$", ".-%f[b]", "[^b]*b?",
  }
  for _, s in ipairs(longSubjects) do
    for _, p in ipairs(longPatterns) do
      local d = esc(s) .. " " .. esc(p)
      case("long find " .. d, pcall(string.find, s, p))
      case("long find@40 " .. d, pcall(string.find, s, p, 40))
      case("long match " .. d, pcall(string.match, s, p))
      case("long gmatch " .. d, gmatchAll(s, p))
      case("long gsub " .. d, pcall(string.gsub, s, p, "<%0>"))
      case("long gsubfn " .. d, pcall(string.gsub, s, p, counter))
    end
  end

  -- Replacement strings and values.
  for _, r in ipairs({ "%", "%x", "a%", "%%%0", "%1%1", "%9", "[%0]", 5, 2.5 }) do
    for _, p in ipairs({ "b", "(b)", "()b", "(b", "" }) do
      case("gsubrepl " .. esc(p) .. " " .. esc(r), pcall(string.gsub, "abcb", p, r))
    end
  end
  for _, v in ipairs({ true, 0, {}, "x" }) do
    case("gsubvalue " .. type(v), pcall(string.gsub, "abc", "b", function() return v end))
    case("gsubtablevalue " .. type(v), pcall(string.gsub, "abc", "b", { b = v }))
  end

  -- Argument errors.
  case("find()", pcall(string.find))
  case("find(1,2)", pcall(string.find, 12321, 2))
  case("find init", pcall(string.find, "a", "a", "x"))
  case("find init float", pcall(string.find, "a", "a", 1.5))
  case("match nil", pcall(string.match, "a", nil))
  case("gmatch init", pcall(string.gmatch, "a", "a", {}))
  case("gsub repl", pcall(string.gsub, "a", "a", true))
  case("gsub n", pcall(string.gsub, "a", "a", "x", "y"))
  case("gsub n float", pcall(string.gsub, "a", "a", "x", 1.5))
  case("gsub n neg", pcall(string.gsub, "aaa", "a", "x", -1))
  case("method", pcall(function() return ("abc"):find(nil) end))

  -- Table edits.
  local function show(t, n)
    local out = {}
    for i = 0, n do out[#out + 1] = tostring(t[i]) end
    return table.concat(out, " ")
  end
  local function tcase(desc, f, t, n)
    local r = table.pack(pcall(f, t))
    case(desc, show(t, n), table.unpack(r, 1, r.n))
  end
  tcase("insert end", function(t) table.insert(t, "x") end, { 1, 2, 3 }, 5)
  tcase("insert 1", function(t) table.insert(t, 1, "x") end, { 1, 2, 3 }, 5)
  tcase("insert 4", function(t) table.insert(t, 4, "x") end, { 1, 2, 3 }, 5)
  tcase("insert 5", function(t) table.insert(t, 5, "x") end, { 1, 2, 3 }, 5)
  tcase("insert 0", function(t) table.insert(t, 0, "x") end, { 1, 2, 3 }, 5)
  tcase("insert args", function(t) table.insert(t, 1, 2, 3) end, { 1, 2, 3 }, 5)
  tcase("insert none", function(t) table.insert(t) end, { 1, 2, 3 }, 5)
  tcase("insert float", function(t) table.insert(t, 1.5, 0) end, { 1, 2, 3 }, 5)
  tcase("insert nil", function() table.insert(nil, 1) end, {}, 1)
  tcase("remove end", function(t) return table.remove(t) end, { 1, 2, 3 }, 5)
  tcase("remove 1", function(t) return table.remove(t, 1) end, { 1, 2, 3 }, 5)
  tcase("remove 4", function(t) return table.remove(t, 4) end, { 1, 2, 3 }, 5)
  tcase("remove 5", function(t) return table.remove(t, 5) end, { 1, 2, 3 }, 5)
  tcase("remove 0", function(t) return table.remove(t, 0) end, { 1, 2, 3 }, 5)
  tcase("remove empty 0", function(t) return table.remove(t, 0) end, { [0] = "z" }, 2)
  tcase("remove empty", function(t) return table.remove(t) end, {}, 2)
  tcase("remove empty -1", function(t) return table.remove(t, -1) end, {}, 2)
  tcase("remove string", function() return table.remove("abc") end, {}, 1)
  tcase("move up", function(t) return table.move(t, 1, 3, 2) == t end, { 1, 2, 3 }, 5)
  tcase("move down", function(t) return table.move(t, 2, 4, 1) == t end, { 1, 2, 3, 4 }, 5)
  tcase("move empty", function(t) return table.move(t, 3, 1, 1) == t end, { 1, 2, 3 }, 5)
  tcase("move other", function(t)
    local o = {}
    table.move(t, 1, 3, 2, o)
    return show(o, 5)
  end, { 1, 2, 3 }, 5)
  tcase("move big", function(t) return table.move(t, -1, math.maxinteger, 1) end, {}, 1)
  tcase("move wrap", function(t) return table.move(t, 1, 2, math.maxinteger) end, {}, 1)
  tcase("move a2", function(t) return table.move(t, 1, 2, 1, 5) end, {}, 1)
  tcase("move a1", function() return table.move(1, 1, 2, 1) end, {}, 1)
  tcase("move f", function(t) return table.move(t, "x", 2, 1) end, {}, 1)
  tcase("len", function() return table.insert(setmetatable({}, { __len = function() return "x" end }), 1) end, {}, 1)
  tcase("proxy", function(t)
    local p = setmetatable({}, { __index = t, __newindex = t, __len = function() return #t end })
    table.insert(p, 1, "x")
    return table.remove(p, 2)
  end, { 1, 2, 3 }, 5)

  return table.concat(lines, "\n")
  """#
