import LuaBridge
import Testing

/// The bounded matcher must behave exactly like stock Lua 5.4.4: this script digests the
/// results (and error messages) of find/match/gsub/gmatch over a grid of subjects and
/// patterns; the expected figures were produced by the stock `lua5.4` interpreter running the
/// same script as `diff.lua`.
@Test func patternMatcherAgreesWithStockLua() throws {
  let state = try makeState(budget: 50_000_000)
  let result = try state.run(
    #"""
    local subjects = {"", "hello world", "THE (quick) fox", "a,b,,c", "  trim  ",
      "key = value; k2=v2",  "f(a(b)c)d", "aaa", "x=1, y=2", "2024-11-26T15:21:41Z", "\0mid\0", "[[nested]]", "%d+"}
    local patterns = {"", "o", "l+", "l*", "l-", "l?", "^h", "d$", "%a+", "%A+", "%s*(.-)%s*$",
      "(%w+)%s*=%s*(%w+)",  "%b()", "%f[%a]%a+", "()a()", "(a*(.)%2)", "[%w_]+", "[^,]*", "[a-c]+", ".-", "(%d+)-(%d+)-(%d+)",
      "%z", "%%d%+", "[%]]", "x", "^", "$",
      "[a", "%", "(()", "%1", "%b", "%f", "(", ")", "[]]", "[^]]", "a%", "%g+", "%p", "%c%x+", "%u%l"}
    local out = {}
    local function add(...)
      local t = table.pack(...)
      for i = 1, t.n do out[#out+1] = tostring(t[i]) end
      out[#out+1] = "|"
    end
    for _, s in ipairs(subjects) do
      for _, p in ipairs(patterns) do
        add(pcall(string.find, s, p))
        add(pcall(string.find, s, p, 3))
        add(pcall(string.find, s, p, -2, true))
        add(pcall(string.match, s, p))
        add(pcall(string.gsub, s, p, "<%0>"))
        add(pcall(string.gsub, s, p, function(c) return c and #tostring(c) end, 2))
        local ok, it = pcall(string.gmatch, s, p)
        if ok then
          add(pcall(function()
            local n = 0
            for a, b in it do n = n + 1 add(a, b) if n > 50 then break end end
          end))
        end
      end
    end
    local text = table.concat(out, ",")
    local h = 0
    for i = 1, #text do h = (h * 31 + text:byte(i)) % 4294967296 end
    return #text, h
    """#, chunkName: "diff.lua")
  #expect(result == [75021, 2_784_156_770])
}
