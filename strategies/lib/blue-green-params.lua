-- blue-green-params: the blue-green strategy's parameters (ctx.params), checked and defaulted,
-- with errors that name the parameter ("blue-green.lua: parameter previewReplicaCount must ...").
-- See strategies/blue-green.lua for what they mean.
--
--   local bgParams = require "rollout.lib.blue-green-params"
--   local p = bgParams.parameters(ctx)
local durations = require "rollout.lib.durations"

local analysisParams = require "rollout.lib.analysis-params"

local M = {}

local format = string.format

local function fail(name, message)
  error(format("blue-green.lua: parameter %s %s", name, message), 0)
end

--- Seconds from a number or a Go-style duration ("30s", "10m", "1h30m", "1.5s", "45").
function M.duration(value, name)
  local seconds, problem = durations.blueGreen(value)
  if not seconds then fail(name, problem) end
  return seconds
end

local function boolean(value, name, default)
  if value == nil then return default end
  if value == true or value == "true" then return true end
  if value == false or value == "false" then return false end
  fail(name, format("must be true or false, got %s", tostring(value)))
end

local function service(ctx, value, name)
  if type(value) ~= "string" or value == "" then
    fail(name, format("must name a Service, got %s", value == "" and "\"\"" or type(value)))
  end
  if ctx.services[value] == nil then
    local names = {}
    for known in pairs(ctx.services) do names[#names + 1] = known end
    table.sort(names)
    fail(name, format("names Service %q, which is not in namespace %s (Services: %s)", value,
      ctx.deployment.namespace, #names > 0 and table.concat(names, ", ") or "none"))
  end
  return value
end

--- The parameters, checked and defaulted.
function M.parameters(ctx)
  local params = ctx.params
  if params.activeService == nil then
    fail("activeService", "is required: the Service that carries production traffic")
  end
  local p = { activeService = service(ctx, params.activeService, "activeService") }
  if params.previewService ~= nil then
    p.previewService = service(ctx, params.previewService, "previewService")
    if p.previewService == p.activeService then
      fail("previewService", "must differ from activeService")
    end
  end
  local replicas = ctx.deployment.replicas
  p.previewReplicaCount = replicas
  if params.previewReplicaCount ~= nil then
    local count = params.previewReplicaCount
    if math.type(count) == "float" and count == count // 1 then count = math.tointeger(count) end
    if math.type(count) ~= "integer" or count < 0 then
      fail("previewReplicaCount", format("must be a whole number of replicas, 0 or more, got %s",
        tostring(count)))
    end
    p.previewReplicaCount = math.min(count, replicas)
  end
  p.autoPromotionEnabled = boolean(params.autoPromotionEnabled, "autoPromotionEnabled", true)
  if params.autoPromotionSeconds ~= nil then
    p.autoPromotionSeconds = M.duration(params.autoPromotionSeconds, "autoPromotionSeconds")
  end
  p.scaleDownDelaySeconds = params.scaleDownDelaySeconds == nil and 30
    or M.duration(params.scaleDownDelaySeconds, "scaleDownDelaySeconds")
  p.abortScaleDownDelaySeconds = params.abortScaleDownDelaySeconds == nil and 30
    or M.duration(params.abortScaleDownDelaySeconds, "abortScaleDownDelaySeconds")
  for _, name in ipairs({ "prePromotionAnalysis", "postPromotionAnalysis" }) do
    if params[name] ~= nil then
      p[name] = analysisParams.parse(params[name], "params." .. name, "blue-green")
    end
  end
  return p
end

return M
