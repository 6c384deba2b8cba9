-- canary-params: the canary strategy's parameters (ctx.params), checked and normalized, with
-- errors that name the parameter at fault ("canary: params.steps[2].setWeight: expected ...").
-- See strategies/canary.lua for what they mean.
--
--   local canaryParams = require "rollout.lib.canary-params"
--   local steps = canaryParams.parseParams(ctx.params).steps
local durations = require "rollout.lib.durations"
local analysisParams = require "rollout.lib.analysis-params"

local M = {}

local format, floor = string.format, math.floor

local function shown(value)
  if type(value) == "string" then return format("%q", value) end
  return tostring(value)
end

local function fail(path, expected, value)
  error(format("canary: %s: expected %s, got %s", path, expected, shown(value)), 0)
end

local function wholeNumber(value)
  return math.type(value) == "integer" or (math.type(value) == "float" and value == floor(value)
    and value > -2 ^ 53 and value < 2 ^ 53)
end

local stepKinds = { setWeight = true, pause = true, setCanaryScale = true, analysis = true }

local function checkTable(value, path, expected)
  if type(value) ~= "table" then fail(path, expected, value) end
  return value
end

local function checkKeys(value, path, allowed)
  for key in pairs(value) do
    if not allowed[key] then
      local names = {}
      for name in pairs(allowed) do names[#names + 1] = name end
      table.sort(names)
      error(format("canary: %s: unknown field %s (expected %s)", path, shown(key),
        table.concat(names, ", ")), 0)
    end
  end
end

local function checkStep(step, path)
  checkTable(step, path, "a step like {setWeight = 20}, {pause = {}} or {setCanaryScale = {...}}")
  local kind
  for key in pairs(step) do
    if not stepKinds[key] then
      error(format(
        "canary: %s: unknown step %s (expected setWeight, pause, setCanaryScale or analysis)",
        path, shown(key)), 0)
    end
    if kind then
      error(format("canary: %s: one kind per step, got both %s and %s", path, kind, key), 0)
    end
    kind = key
  end
  if not kind then
    error(format("canary: %s: empty step (expected setWeight, pause or setCanaryScale)", path), 0)
  end
  local value, where = step[kind], path .. "." .. kind
  if kind == "setWeight" then
    if not wholeNumber(value) or value < 0 or value > 100 then
      fail(where, "a number 0-100", value)
    end
    return { setWeight = math.tointeger(value) }
  elseif kind == "analysis" then
    return { analysis = analysisParams.parse(value, where, "canary") }
  elseif kind == "pause" then
    checkTable(value, where, "a table: {} or {duration = \"10m\"}")
    checkKeys(value, where, { duration = true })
    if value.duration == nil then return { pause = {} } end
    local seconds = durations.canary(value.duration)
    if not seconds then
      fail(where .. ".duration", "seconds or a duration like \"30s\", \"10m\", \"1h\"",
        value.duration)
    end
    return { pause = { duration = seconds } }
  else
    checkTable(value, where, "a table: {replicas = N}, {weight = N} or {matchTrafficWeight = true}")
    checkKeys(value, where, { replicas = true, weight = true, matchTrafficWeight = true })
    local count = 0
    for _ in pairs(value) do count = count + 1 end
    if count ~= 1 then
      error(format("canary: %s: expected exactly one of replicas, weight, matchTrafficWeight", where),
        0)
    end
    if value.replicas ~= nil then
      if not wholeNumber(value.replicas) or value.replicas < 0 then
        fail(where .. ".replicas", "a whole number of replicas, 0 or more", value.replicas)
      end
      return { setCanaryScale = { replicas = math.tointeger(value.replicas) } }
    elseif value.weight ~= nil then
      if not wholeNumber(value.weight) or value.weight < 0 then
        fail(where .. ".weight", "a whole percentage of replicas, 0 or more", value.weight)
      end
      return { setCanaryScale = { weight = math.tointeger(value.weight) } }
    else
      if value.matchTrafficWeight ~= true then
        fail(where .. ".matchTrafficWeight", "true", value.matchTrafficWeight)
      end
      return { setCanaryScale = { matchTrafficWeight = true } }
    end
  end
end

--- Checks `params` and returns them normalized: `steps` (never empty: without steps a single
--- {setWeight = 100}, durations in seconds), `stableService`, `canaryService`. Raises an error
--- naming the parameter at fault.
function M.parseParams(params)
  params = params or {}
  local steps = params.steps
  local parsed = {}
  if steps ~= nil then
    checkTable(steps, "params.steps", "a list of steps")
    local count = 0
    for _ in pairs(steps) do count = count + 1 end
    if count ~= #steps then
      error("canary: params.steps: expected a list of steps, got a map", 0)
    end
    for i, step in ipairs(steps) do
      parsed[i] = checkStep(step, format("params.steps[%d]", i))
    end
  end
  if #parsed == 0 then parsed[1] = { setWeight = 100 } end
  for _, name in ipairs({ "stableService", "canaryService" }) do
    local value = params[name]
    if value ~= nil and (type(value) ~= "string" or value == "") then
      fail("params." .. name, "a Service name", value)
    end
  end
  local analysis
  if params.analysis ~= nil then
    analysis = analysisParams.parse(params.analysis, "params.analysis", "canary", true)
  end
  return { steps = parsed, stableService = params.stableService,
    canaryService = params.canaryService, analysis = analysis }
end

return M
