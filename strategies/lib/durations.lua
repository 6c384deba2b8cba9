-- durations: seconds from the duration parameters of the stock strategies (canary's pause
-- durations, blue-green's delays): a number of seconds, or text in Go's time.ParseDuration
-- units h, m, s and ms, such as "30s", "10m", "1h30m" or "500ms".
--
-- Two grammars, one per strategy, sharing the units, the check on numbers and the summing of
-- terms. They still differ where the two strategies always have, kept so that neither accepts
-- text it did not: `canary` takes digits alone ("90") and terms like "1.5h" or "1.h";
-- `blueGreen` also trims spaces and takes plain decimals ("1.5") and terms like ".5h", not "1.h".
--
--   local durations = require "rollout.lib.durations"
--   local seconds = durations.canary("1m30s")                 -- 90
--   local seconds, problem = durations.blueGreen(" 2.5s ")    -- 2.5
local durations = {}

local format = string.format

local units = { h = 3600, m = 60, s = 1, ms = 0.001 }

-- A number of seconds: zero or more and finite.
local function seconds(value)
  return value >= 0 and value < math.huge
end

-- A term, number and unit, and the rest of the text: "1.5h" and "1.h" for canary, "1.5h" and
-- ".5h" for blue-green.
local canaryTerm, blueGreenTerm = "^(%d+%.?%d*)(%a+)(.*)$", "^(%d*%.?%d+)(%a+)(.*)$"

-- The sum of the terms of `text` (matched by `term`); nil if one is not a number and a unit.
local function sum(text, term)
  local total, rest = 0, text
  while rest ~= "" do
    local amount, unit, after = rest:match(term)
    if not amount or not units[unit] then return nil end
    total = total + tonumber(amount) * units[unit]
    rest = after
  end
  return total
end

--- Seconds in a canary duration: a number of seconds, or a string like "30", "30s", "10m",
--- "1h", "1m30s", "1.5h" or "500ms". Nil if invalid.
function durations.canary(value)
  if type(value) == "number" then
    if seconds(value) then return value end
    return nil
  end
  if type(value) ~= "string" or value == "" then return nil end
  if value:match("^%d+$") then return tonumber(value) end
  return sum(value, canaryTerm)
end

--- Seconds in a blue-green duration: a number of seconds, or a string like "45", "1.5",
--- "30s", "10m", "1h30m", "1.5s" or "500ms", spaces around it ignored. Nil and what is wrong
--- ("must be ..." for a message naming the parameter) if invalid.
function durations.blueGreen(value)
  if type(value) == "number" then
    if not seconds(value) then
      return nil, format("must be zero or more seconds, got %s", tostring(value))
    end
    return value
  end
  if type(value) ~= "string" then
    return nil, format(
      "must be a duration (seconds, or text like \"30s\" or \"10m\"), got %s", type(value))
  end
  local text = value:match("^%s*(.-)%s*$")
  local plain = tonumber(text)
  if plain and text:match("^[%d.]+$") then return plain end
  if text == "" then return nil, "must be a duration, got an empty string" end
  local total = sum(text, blueGreenTerm)
  if not total then
    return nil, format("must be a duration like \"30s\", \"10m\" or \"1h30m\", got %q", value)
  end
  return total
end

return durations
