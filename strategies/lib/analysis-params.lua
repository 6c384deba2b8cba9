-- analysis-params: an analysis reference as Argo Rollouts writes one in a strategy's
-- parameters, checked and normalized, with errors naming the parameter at fault:
--
--   {templates = {{templateName = "error-rate"}, {templateName = "p99", clusterScope = true}},
--    args = {{name = "service", value = "web"}, {name = "hash", valueFrom = {...}}},
--    startingStep = 2}                        -- background analysis only
--
--   local analysisParams = require "rollout.lib.analysis-params"
--   local analysis = analysisParams.parse(ctx.params.analysis, "params.analysis", "canary", true)
local M = {}

local format = string.format

local function shown(value)
  if type(value) == "string" then return format("%q", value) end
  if type(value) == "table" then return "a table" end
  return tostring(value)
end

--- Checks `value` (at `path`, for strategy `strategy`); `startingStep` is allowed when
--- `allowStartingStep`. Returns {templates = {{templateName = , clusterScope = }}, args = ,
--- startingStep = }.
function M.parse(value, path, strategy, allowStartingStep)
  local function fail(where, expected, got)
    error(format("%s: %s: expected %s, got %s", strategy, where, expected, shown(got)), 0)
  end
  local allowed = { templates = true, args = true, startingStep = allowStartingStep or nil }
  if type(value) ~= "table" then fail(path, "a table: {templates = {{templateName = \"name\"}}}", value) end
  for key in pairs(value) do
    if not allowed[key] then
      error(format("%s: %s: unknown field %s (expected %s)", strategy, path, shown(key),
        allowStartingStep and "templates, args, startingStep" or "templates, args"), 0)
    end
  end
  local templates = value.templates
  if type(templates) ~= "table" or #templates == 0 then
    fail(path .. ".templates", "a list of {templateName = \"name\"}", templates)
  end
  local parsed = {}
  for i, ref in ipairs(templates) do
    local where = format("%s.templates[%d]", path, i)
    if type(ref) == "string" then ref = { templateName = ref } end
    if type(ref) ~= "table" then fail(where, "{templateName = \"name\"}", ref) end
    if type(ref.templateName) ~= "string" or ref.templateName == "" then
      fail(where .. ".templateName", "a template name", ref.templateName)
    end
    parsed[i] = { templateName = ref.templateName, clusterScope = ref.clusterScope == true or nil }
  end
  if value.args ~= nil and type(value.args) ~= "table" then
    fail(path .. ".args", "a list of {name = , value = }", value.args)
  end
  local startingStep = value.startingStep
  if startingStep ~= nil then
    if math.type(startingStep) == "float" and startingStep == startingStep // 1 then
      startingStep = math.tointeger(startingStep)
    end
    if math.type(startingStep) ~= "integer" or startingStep < 0 then
      fail(path .. ".startingStep", "a step index, 0 or more", startingStep)
    end
  end
  return { templates = parsed, args = value.args, startingStep = startingStep }
end

--- The last values of a run's metrics, for a message: "error-rate 0.01, latency 0.2".
function M.lastValues(run)
  local names, parts = {}, {}
  for name in pairs(run.metrics) do names[#names + 1] = name end
  table.sort(names)
  for _, name in ipairs(names) do
    local metric = run.metrics[name]
    local last = metric.measurements[#metric.measurements]
    if last then parts[#parts + 1] = format("%s %s", name, last.text or last.phase) end
  end
  return #parts > 0 and table.concat(parts, ", ") or "no measurement yet"
end

--- Waits on the run `label` against ctx.newRS: starts it from `analysis` when absent; true
--- once it is Successful, or when `promoted` (`rollout promote` skips it: a running run is
--- stopped). Else false and what it is doing. A failed run is the engine's to abort on, an
--- inconclusive one its to pause.
function M.await(ctx, label, analysis, promoted)
  local run = ctx.analysis[label]
  if run == nil then
    ctx:analyze(label, { templates = analysis.templates, args = analysis.args, wait = true })
    return false, "analysis " .. label .. " started"
  end
  if run.phase == "Successful" then return true end
  if promoted then
    if run.phase == "Running" or run.phase == "Pending" then ctx:stopAnalysis(label) end
    return true
  end
  return false, format("analysis %s %s (%s)", run.name, run.phase, M.lastValues(run))
end

return M
