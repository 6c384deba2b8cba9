-- canary: Argo Rollouts' canary without a traffic router (utils/replicaset/canary.go and
-- rollout/canary.go).
--
-- A plan of steps, one at a time. `setWeight` moves the share of pods: the canary (the new
-- ReplicaSet) and the stable (the last fully rolled-out ReplicaSet) are scaled towards counts
-- that approximate the weight, within maxSurge and maxUnavailable, and the step is done once
-- both are at their counts, the canary's pods available and no other old pod left. `pause`
-- stops the rollout for a while or until promoted. Past the last step the canary goes to full
-- size and every old ReplicaSet to zero.
--
-- Parameters (ctx.params):
--   steps          a list of steps, each one of
--                    {setWeight = 0..100}
--                    {pause = {}}                  until `rollout promote`
--                    {pause = {duration = "10m"}}  seconds, or "30s", "10m", "1h", "1m30s"
--                    {setCanaryScale = {replicas = N}}        canary at N, stable at full size
--                    {setCanaryScale = {weight = N}}          canary at N% of replicas, stable
--                                                             at full size
--                    {setCanaryScale = {matchTrafficWeight = true}}  back to setWeight counts
--                    {analysis = {templates = {{templateName = "error-rate"}}, args = {...}}}
--                                  runs the templates against the canary and waits for the
--                                  run: successful goes on, failed aborts, inconclusive pauses
--                                  (`rollout promote` skips it)
--                  without steps: a single {setWeight = 100}
--   analysis       background analysis: {templates = ..., args = ..., startingStep = N} runs
--                  from step N (0-based, as Argo) until the rollout completes; a failed run
--                  aborts the rollout
--   stableService  a Service to point at the stable ReplicaSet (at the new one once complete)
--   canaryService  a Service to point at the canary ReplicaSet (at the stable when aborted)
--
-- The parts live in strategies/lib: the parameters in canary-params, Argo's replica arithmetic
-- in canary-replicas, the old ReplicaSets in canary-old-replicasets; this module re-exports
-- their functions and keeps the step machinery.
--
-- Reuse it from your own strategy:
--   local canary = require "rollout.canary"
--   local new, stable = canary.basicCounts(10, 20, 1, 0, ctx.newRS, ctx.stableRS, {})
local durations = require "rollout.lib.durations"
local canaryParams = require "rollout.lib.canary-params"
local canaryReplicas = require "rollout.lib.canary-replicas"
local canaryOld = require "rollout.lib.canary-old-replicasets"
local analysisParams = require "rollout.lib.analysis-params"

local canary = {
  -- The parameters this strategy takes, by name (the host refuses any other).
  params = {
    steps = "the plan: setWeight, pause and setCanaryScale steps",
    stableService = "a Service pointed at the stable ReplicaSet",
    canaryService = "a Service pointed at the canary ReplicaSet",
    analysis = "background analysis: templates, args and startingStep",
  },
  -- Parameters.
  parseDuration = durations.canary,
  parseParams = canaryParams.parseParams,
  -- Weights and replica arithmetic.
  currentSetWeight = canaryReplicas.currentSetWeight,
  setCanaryScale = canaryReplicas.setCanaryScale,
  canaryReplicasOrWeight = canaryReplicas.canaryReplicasOrWeight,
  approximateCounts = canaryReplicas.approximateCounts,
  replicasForScaleDown = canaryReplicas.replicasForScaleDown,
  basicCounts = canaryReplicas.basicCounts,
  weightToReplicas = canaryReplicas.weightToReplicas,
  replicaCounts = canaryReplicas.replicaCounts,
  atDesiredCounts = canaryReplicas.atDesiredCounts,
  -- Old ReplicaSets.
  stableReplicaSet = canaryOld.stableReplicaSet,
  otherReplicaSets = canaryOld.otherReplicaSets,
  scaleDownOldReplicaSets = canaryOld.scaleDownOldReplicaSets,
}

local format, min = string.format, math.min
local replicaCount = canaryReplicas.replicaCount

-- Steps -----------------------------------------------------------------------------------------

local function describe(step)
  if step.setWeight then return format("setWeight %d", step.setWeight) end
  if step.analysis then
    local names = {}
    for i, ref in ipairs(step.analysis.templates) do names[i] = ref.templateName end
    return "analysis " .. table.concat(names, ", ")
  end
  local scale = step.setCanaryScale
  if scale.replicas then return format("setCanaryScale %d replicas", scale.replicas) end
  if scale.weight then return format("setCanaryScale %d%%", scale.weight) end
  return "setCanaryScale matchTrafficWeight"
end

local function pointServices(ctx, params, stableTarget, canaryTarget)
  -- In a fixed order, so the first missing Service is always the one reported.
  for _, entry in ipairs({ { "stableService", stableTarget }, { "canaryService", canaryTarget } }) do
    local parameter, target = entry[1], entry[2]
    local name = params[parameter]
    if name then
      local service = ctx.services and ctx.services[name]
      if service == nil then
        error(format("canary: params.%s: no Service %q in the namespace", parameter, name), 0)
      end
      if target and service.replicaSet ~= target.name then ctx:pointService(name, target) end
    end
  end
end

local function oldPodsGone(ctx)
  for _, rs in ipairs(ctx.oldRSs) do
    if rs.replicas > 0 or rs.currentReplicas > 0 then return false end
  end
  return true
end

-- Background analysis: started once the plan reaches `startingStep` (0-based, as Argo).
local function backgroundAnalysis(ctx, analysis, index)
  if analysis == nil or ctx.analysis.background ~= nil then return end
  if index > (analysis.startingStep or 0) then
    ctx:analyze("background", { templates = analysis.templates, args = analysis.args })
  end
end

--- One canary step: scale towards the counts of the current step, the stable first, then the
--- canary, then the other old ReplicaSets down; once there, go on to the next step (a pause
--- stops here); past the last step, finish when the canary is complete.
function canary.step(ctx)
  local params = canary.parseParams(ctx.params)
  local steps, state = params.steps, ctx.state
  local operator = ctx.operator or {}
  local new, replicas = ctx.newRS, ctx.deployment.replicas
  local stable = canary.stableReplicaSet(ctx)
  local others = canary.otherReplicaSets(ctx, stable)
  local index = math.tointeger(state.index) or 1
  if operator.aborted then
    index = 1 -- as Argo: a retry starts over from the first step
  elseif operator.promoteFull or stable == nil then
    index = #steps + 1
  end

  if stable and not operator.aborted then backgroundAnalysis(ctx, params.analysis, index) end

  for _ = 1, #steps + 1 do
    state.index = index
    local shownIndex = min(index, #steps)
    ctx:setStep(shownIndex, #steps)
    ctx:setWeight(canary.currentSetWeight(steps, index, operator.aborted and stable ~= nil))
    local prefix = format("step %d/%d", shownIndex, #steps)
    if operator.aborted and stable then
      prefix = "aborted: returning to stable"
    elseif stable == nil and ctx.stableRS then
      prefix = "the new ReplicaSet is the stable one (steps skipped)"
    elseif stable == nil then
      prefix = "first deployment (no stable ReplicaSet)"
    elseif index > #steps then
      prefix = operator.promoteFull and "promoted fully" or format("all %d steps done", #steps)
    else
      prefix = prefix .. ": " .. (steps[index].pause and "pause" or describe(steps[index]))
    end
    if stable and not operator.aborted then backgroundAnalysis(ctx, params.analysis, index) end
    local function say(text)
      ctx:message(format("%s: canary %d, stable %d%s", prefix, new.replicas,
        stable and stable.replicas or 0, text or ""))
    end

    if operator.aborted and stable then
      pointServices(ctx, params, stable, stable)
    else
      pointServices(ctx, params, stable or new, new)
    end

    local pause = index <= #steps and not operator.aborted and steps[index].pause
    if pause and stable then
      state.index = index + 1
      if pause.duration then
        ctx:message(format("step %d/%d: paused for %gs", index, #steps, pause.duration))
      else
        ctx:message(format("step %d/%d: paused until promoted", index, #steps))
      end
      ctx:pause("CanaryPauseStep", pause.duration)
      return
    end

    local analysis = index <= #steps and not operator.aborted and steps[index].analysis
    if analysis and stable then
      local done, text = analysisParams.await(ctx, "step-" .. index, analysis, operator.promoted)
      if not done then return say(": " .. text) end
      index = index + 1
      goto continue
    end

    local newCount, stableCount = canary.replicaCounts(ctx, steps, index, stable, others)
    if stable and stable.replicas ~= stableCount then
      stable:scale(stableCount)
      return say()
    end
    if new.replicas ~= newCount then
      new:scale(newCount)
      return say()
    end
    if canary.scaleDownOldReplicaSets(ctx, others) > 0 then
      return say(format(", other old %d", replicaCount(others)))
    end

    if operator.aborted and stable then
      if stable.replicas == replicas and stable.availableReplicas == replicas
        and new.replicas == 0 and new.currentReplicas == 0 and replicaCount(others) == 0 then
        ctx:finish()
        return say(": stable restored")
      end
      return say(format(": waiting, stable %d of %d available", stable.availableReplicas,
        replicas))
    end
    if index > #steps then
      if new.replicas == replicas and new.availableReplicas == replicas and oldPodsGone(ctx) then
        pointServices(ctx, params, new, new)
        ctx:finish()
        return say(": complete")
      end
      return say(format(": waiting, canary %d of %d available", new.availableReplicas, replicas))
    end
    if not canary.atDesiredCounts(new, stable, others, newCount, stableCount) then
      return say(format(": waiting, canary %d of %d available", new.availableReplicas,
        new.replicas))
    end
    index = index + 1
    ::continue::
  end
end

return canary
