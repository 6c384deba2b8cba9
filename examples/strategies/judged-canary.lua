-- judged-canary: a canary that judges its own measurements, policy as code.
--
-- The engine measures; this script decides. It analyses the canary and, as a baseline, the
-- stable version with the same templates (ctx:analyze with enforce = false: the engine takes
-- the measurements and leaves the verdict here), then at every step:
--   * aborts when the canary's p99 latency is more than `latencyFactor` times the stable's;
--   * aborts when the canary's own run fails its template (failureLimit and friends);
--   * promotes at once when the error rate was under `goodErrorRate` for `goodInARow`
--     measurements in a row;
--   * else moves one weight further every `measurementsPerWeight` measurements.
--
--   rollout --strategy examples/strategies/judged-canary.lua examples/strategies/judged-app.yaml \
--     --metric 'example/web:2.*:error-rate=0.0005' --metric 'example/web:*:latency-p99=0.2'
--
-- Every value it judges is in ctx.analysis, recorded with each decision: `rollout replay`
-- re-runs this script on the measurements it saw.
local canary = require "rollout.canary"

params = {
  weights = "canary weights in percent, in order (default {10, 25, 50})",
  templates = "the AnalysisTemplates measuring a version: {{templateName = \"name\"}}",
  goodErrorRate = "an error rate under this is good (default 0.001)",
  goodInARow = "good measurements in a row that promote at once (default 3)",
  measurementsPerWeight = "measurements each weight waits for (default 2)",
  latencyFactor = "abort when the canary's p99 is over this times the stable's (default 2)",
}

local format = string.format

-- The last value of `metric` in `run` as a number (the first of a vector), or nil.
local function last(run, metric)
  local result = run and run.metrics[metric]
  local value = result and result.value
  if type(value) == "table" then value = value[1] end
  return type(value) == "number" and value or nil
end

-- Whether the last `n` measurements of `metric` in `run` are all good.
local function goodInARow(run, metric, n, threshold)
  local result = run and run.metrics[metric]
  local measurements = result and result.measurements or {}
  if #measurements < n then return false end
  for i = #measurements - n + 1, #measurements do
    local value = measurements[i].value
    if type(value) == "table" then value = value[1] end
    if type(value) ~= "number" or not (value < threshold) then return false end
  end
  return true
end

-- Scales the canary towards `weight` within the fenceposts; true once it is there.
local function towards(ctx, weight, stable)
  local others = canary.otherReplicaSets(ctx, stable)
  local newCount, stableCount = canary.basicCounts(ctx.deployment.replicas, weight,
    ctx.fenceposts.maxSurge, ctx.fenceposts.maxUnavailable, ctx.newRS, stable, others)
  if stable.replicas ~= stableCount then stable:scale(stableCount) return false end
  if ctx.newRS.replicas ~= newCount then ctx.newRS:scale(newCount) return false end
  if canary.scaleDownOldReplicaSets(ctx, others) > 0 then return false end
  return canary.atDesiredCounts(ctx.newRS, stable, others, newCount, stableCount)
end

function step(ctx)
  local p = ctx.params
  local weights = p.weights or { 10, 25, 50 }
  local state, new, replicas = ctx.state, ctx.newRS, ctx.deployment.replicas
  local stable = canary.stableReplicaSet(ctx)

  -- A first deployment, or back on the stable: nothing to judge. The target first, the
  -- others once it is available.
  if stable == nil or ctx.operator.aborted then
    local target = stable or new
    ctx:message(ctx.operator.aborted and "aborted: back to the stable version" or "first deployment")
    if target.replicas ~= replicas then return target:scale(replicas) end
    if target.availableReplicas < replicas then return end
    for _, rs in ipairs(ctx:allRSs()) do
      if rs.name ~= target.name and rs.replicas > 0 then rs:scale(0) end
    end
    ctx:finish()
    return
  end

  if ctx.analysis.canary == nil then
    ctx:analyze("canary", { templates = p.templates, enforce = false })
  end
  if ctx.analysis.baseline == nil then
    ctx:analyze("baseline", { templates = p.templates, subject = stable, enforce = false })
  end
  local run, baseline = ctx.analysis.canary, ctx.analysis.baseline

  -- Abort: the canary's own run failed, or its p99 doubled against the stable's.
  if run.phase == "Failed" or run.phase == "Error" then
    ctx:abort(format("the canary's analysis %s: %s", run.phase, run.message or ""))
    return
  end
  local factor = p.latencyFactor or 2
  local canaryP99, stableP99 = last(run, "latency-p99"), last(baseline, "latency-p99")
  if canaryP99 and stableP99 and canaryP99 > factor * stableP99 then
    ctx:abort(format("p99 latency %gs is more than %g times the stable's %gs", canaryP99, factor,
      stableP99))
    return
  end

  -- Promote early on a good error rate; else one weight every few measurements.
  state.index = math.tointeger(state.index) or 1
  local measured = run.metrics["error-rate"] and run.metrics["error-rate"].count or 0
  if state.index <= #weights
    and goodInARow(run, "error-rate", p.goodInARow or 3, p.goodErrorRate or 0.001) then
    state.index = #weights + 1
    ctx:message(format("error rate good %d times in a row: promoting", p.goodInARow or 3))
  end
  local weight = weights[state.index] or 100
  ctx:setWeight(weight)
  ctx:setStep(math.min(state.index, #weights + 1), #weights + 1)
  if not towards(ctx, weight, stable) then
    ctx:message(format("weight %d%%: canary %d, stable %d", weight, new.replicas, stable.replicas))
    return
  end
  if weight == 100 then
    if new.availableReplicas == replicas then
      ctx:stopAnalysis("canary")
      ctx:stopAnalysis("baseline")
      ctx:message("complete")
      ctx:finish()
    end
    return
  end
  state.mark = state.mark or measured
  if measured - state.mark >= (p.measurementsPerWeight or 2) then
    state.index, state.mark = state.index + 1, measured
    ctx:message(format("weight %d%% judged good over %d measurements", weight, measured))
    ctx:requeue(0.001)
  else
    ctx:message(format("weight %d%%: waiting for measurements (%d so far)", weight, measured))
  end
end
