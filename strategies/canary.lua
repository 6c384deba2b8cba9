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
--                  without steps: a single {setWeight = 100}
--   stableService  a Service to point at the stable ReplicaSet (at the new one once complete)
--   canaryService  a Service to point at the canary ReplicaSet (at the stable when aborted)
--
-- Reuse it from your own strategy:
--   local canary = require "rollout.canary"
--   local new, stable = canary.basicCounts(10, 20, 1, 0, ctx.newRS, ctx.stableRS, {})
local canary = {}

local format, ceil, floor, abs = string.format, math.ceil, math.floor, math.abs
local max, min = math.max, math.min

-- Parameters ------------------------------------------------------------------------------------

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

local units = { h = 3600, m = 60, s = 1, ms = 0.001 }

--- Seconds in a duration: a number of seconds, or a string like "30", "30s", "10m", "1h",
--- "1m30s", "1.5h" or "500ms" (Go's time.ParseDuration units h, m, s, ms). Nil if invalid.
function canary.parseDuration(value)
  if type(value) == "number" then
    if value >= 0 and value < math.huge then return value end
    return nil
  end
  if type(value) ~= "string" or value == "" then return nil end
  if value:match("^%d+$") then return tonumber(value) end
  local total, rest = 0, value
  while rest ~= "" do
    local number, unit, after = rest:match("^(%d+%.?%d*)(%a+)(.*)$")
    if not number or not units[unit] then return nil end
    total = total + tonumber(number) * units[unit]
    rest = after
  end
  return total
end

local stepKinds = { setWeight = true, pause = true, setCanaryScale = true }

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
      error(format("canary: %s: unknown step %s (expected setWeight, pause or setCanaryScale)",
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
  elseif kind == "pause" then
    checkTable(value, where, "a table: {} or {duration = \"10m\"}")
    checkKeys(value, where, { duration = true })
    if value.duration == nil then return { pause = {} } end
    local seconds = canary.parseDuration(value.duration)
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
function canary.parseParams(params)
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
  return { steps = parsed, stableService = params.stableService,
    canaryService = params.canaryService }
end

-- Weights ---------------------------------------------------------------------------------------

--- The weight of the last setWeight at or before step `index` (GetCurrentSetWeight): 0 when
--- aborted, 100 past the last step, 0 before any setWeight.
function canary.currentSetWeight(steps, index, aborted)
  if aborted then return 0 end
  if index > #steps then return 100 end
  for i = index, 1, -1 do
    if steps[i].setWeight then return steps[i].setWeight end
  end
  return 0
end

--- The setCanaryScale in force at step `index` (UseSetCanaryScale), or nil: the last one at or
--- before it, unless that one is {matchTrafficWeight = true} or the rollout is aborted.
function canary.setCanaryScale(steps, index, aborted)
  if aborted or index > #steps then return nil end
  for i = index, 1, -1 do
    local scale = steps[i].setCanaryScale
    if scale then
      if scale.matchTrafficWeight then return nil end
      return scale
    end
  end
  return nil
end

--- A fixed canary size or the weight its size follows (GetCanaryReplicasOrWeight). `status`:
--- `promoteFull`, `aborted`, `noStable` (first deployment: nothing to be a canary against).
function canary.canaryReplicasOrWeight(steps, index, status)
  if status.promoteFull or status.noStable then return nil, 100 end
  local scale = canary.setCanaryScale(steps, index, status.aborted)
  if scale then
    if scale.replicas then return scale.replicas, 0 end
    if scale.weight then return nil, scale.weight end
  end
  return nil, canary.currentSetWeight(steps, index, status.aborted)
end

-- Replica arithmetic ----------------------------------------------------------------------------

-- math.Modf's fractional part of a non-negative float.
local function frac(x) return x - floor(x) end

-- floorCeilingTied: replicas * weight% ends in exactly .5 (Go's float arithmetic, kept).
local function tied(weight, total) return frac(total * (weight / 100)) == 0.5 end

-- weightDelta: how far `canaryCount` of `total` is from `weight` percent.
local function weightDelta(weight, canaryCount, total)
  return abs((canaryCount * 100) / total - weight)
end

--- The canary and stable counts that best approximate `weight` percent of `replicas`
--- (approximateWeightedCanaryStableReplicaCounts): they sum to `replicas`, or `replicas` + 1
--- when maxSurge allows and that is closer; with a weight of 1-99 and 2+ pods, neither is 0.
--- Example: 10 replicas, weight 25, maxSurge 1: 3 of 11 (27.3%) beats 2 or 3 of 10, so 3 and 8.
function canary.approximateCounts(replicas, weight, maxSurge)
  if replicas == 0 then return 0, 0 end
  local ceilCount = ceil((replicas * weight) / 100)
  local floorCount = floor((replicas * weight) / 100)
  local zeroAllowed = weight == 100 or weight == 0 or (replicas == 1 and maxSurge == 0)
  local options = {}
  if ceilCount < replicas or zeroAllowed then options[#options + 1] = { ceilCount, replicas } end
  if not tied(weight, replicas) and (floorCount ~= 0 or zeroAllowed) then
    options[#options + 1] = { floorCount, replicas }
  end
  if maxSurge > 0 then
    options[#options + 1] = { ceilCount, replicas + 1 }
    if not tied(weight, replicas + 1) and (floorCount ~= 0 or zeroAllowed) then
      options[#options + 1] = { floorCount, replicas + 1 }
    end
  end
  if #options == 0 then return 0, replicas end
  local best = options[1]
  local bestDelta = weightDelta(weight, best[1], best[2])
  for i = 2, #options do
    local delta = weightDelta(weight, options[i][1], options[i][2])
    if delta < bestDelta then best, bestDelta = options[i], delta end
  end
  return math.tointeger(best[1]), math.tointeger(best[2] - best[1])
end

--- Replicas of a ReplicaSet `rs` (or nil) that count towards a scale-down
--- (GetReplicasForScaleDown): its spec when it is shrinking or `ignoreAvailability`, else its
--- available pods.
function canary.replicasForScaleDown(rs, ignoreAvailability)
  if rs == nil then return 0 end
  if rs.replicas < rs.availableReplicas then return rs.replicas end
  if ignoreAvailability then return rs.replicas end
  return rs.availableReplicas
end

local function replicaCount(list)
  local total = 0
  for _, rs in pairs(list) do total = total + rs.replicas end
  return total
end

local function availableCount(list)
  local total = 0
  for _, rs in pairs(list) do total = total + rs.availableReplicas end
  return total
end

-- calculateScaleDownReplicaCount: `drain` towards `desired`, at most `scaleDown` pods.
local function scaleDownCount(drainRS, desired, scaleDown, count)
  if drainRS ~= nil and drainRS.replicas > desired then
    return max(desired, drainRS.replicas - scaleDown)
  end
  return count
end

-- adjustReplicaWithinLimits: keeps the two counts within maxSurge and maxUnavailable.
local function adjustWithinLimits(drainRS, adjustRS, drainCount, adjustCount, maxAllowed,
                                  minAvailable)
  local over = max(0, adjustCount + drainCount - maxAllowed)
  local available = 0
  if drainRS ~= nil then available = available + min(drainRS.availableReplicas, drainCount) end
  if adjustRS ~= nil then
    adjustCount = adjustCount - over
    available = available + min(adjustRS.availableReplicas, adjustCount)
    local extraAvailable = max(0, adjustRS.availableReplicas - adjustCount)
    local needed = max(0, minAvailable - available)
    adjustCount = adjustCount + min(extraAvailable, needed)
    over = max(0, adjustCount + drainCount - maxAllowed)
    drainCount = drainCount - over
  end
  return drainCount, adjustCount
end

--- The next counts for the canary `newRS` and `stableRS` at `weight` percent of `replicas`
--- (CalculateReplicaCountsForBasicCanary). `otherRSs` are the old ReplicaSets that are neither.
---
--- Scale-ups fill the room left by replicas + maxSurge, the stable first; scale-downs wait
--- until the other ReplicaSets are gone and keep replicas - maxUnavailable available, the
--- canary first when the weight goes down, the stable first when it goes up. Example: 10
--- replicas, weight 20, maxSurge 2, maxUnavailable 0, stable 10 and canary 0: canary 2,
--- stable 10; once the 2 are available, stable 8.
function canary.basicCounts(replicas, weight, maxSurge, maxUnavailable, newRS, stableRS, otherRSs)
  local desiredNew, desiredStable = canary.approximateCounts(replicas, weight, maxSurge)
  local newCount, stableCount = newRS and newRS.replicas or 0, 0
  local scaleStable = stableRS ~= nil and (newRS == nil or newRS.name ~= stableRS.name)
  if scaleStable then
    stableCount = stableRS.replicas
  else
    desiredNew, desiredStable = replicas, 0
  end
  local maxAllowed = replicas + maxSurge
  local total = replicaCount(otherRSs) + (newRS and newRS.replicas or 0)
    + (scaleStable and stableRS.replicas or 0)
  local scaleUp = maxAllowed - total
  if scaleStable and stableRS.replicas < desiredStable and scaleUp > 0 then
    if stableRS.replicas + scaleUp < desiredStable then
      stableCount = stableRS.replicas + scaleUp
      scaleUp = 0
    else
      stableCount = desiredStable
      scaleUp = scaleUp - (desiredStable - stableRS.replicas)
    end
  end
  if newRS ~= nil and newRS.replicas < desiredNew and scaleUp > 0 then
    newCount = min(desiredNew, newRS.replicas + scaleUp)
  end
  if replicaCount(otherRSs) > 0 then return newCount, stableCount end

  local minAvailable = replicas - maxUnavailable
  local increasing = newRS == nil or desiredNew >= newRS.replicas
  local toScaleDown = canary.replicasForScaleDown(newRS, not increasing)
    + canary.replicasForScaleDown(stableRS, increasing)
  if toScaleDown <= minAvailable then return newCount, stableCount end
  local scaleDown = toScaleDown - minAvailable
  if not increasing then
    newCount = scaleDownCount(newRS, desiredNew, scaleDown, newCount)
    newCount, stableCount = adjustWithinLimits(newRS, stableRS, newCount, stableCount,
      maxAllowed, minAvailable)
  elseif scaleStable then
    stableCount = scaleDownCount(stableRS, desiredStable, scaleDown, stableCount)
    stableCount, newCount = adjustWithinLimits(stableRS, newRS, stableCount, newCount,
      maxAllowed, minAvailable)
  end
  return newCount, stableCount
end

--- Replicas for `weight` percent of `replicas`, rounded up (trafficWeightToReplicas).
function canary.weightToReplicas(replicas, weight)
  return math.tointeger(ceil((weight * replicas) / 100))
end

--- The next counts for the canary and the stable at step `index` of `steps`. A setCanaryScale
--- in force sets the canary outright and keeps the stable at full size (Argo's arithmetic for a
--- setCanaryScale, which it only honours with a traffic router); otherwise basicCounts.
function canary.replicaCounts(ctx, steps, index, stable, others)
  local replicas = ctx.deployment.replicas
  local operator = ctx.operator or {}
  local fixed, weight = canary.canaryReplicasOrWeight(steps, index, {
    promoteFull = operator.promoteFull, aborted = operator.aborted, noStable = stable == nil })
  local scale = stable and canary.setCanaryScale(steps, index, operator.aborted)
  if fixed then return fixed, replicas end
  if scale and scale.weight and not operator.promoteFull then
    return canary.weightToReplicas(replicas, weight), replicas
  end
  local fenceposts = ctx.fenceposts
  return canary.basicCounts(replicas, weight, fenceposts.maxSurge, fenceposts.maxUnavailable,
    ctx.newRS, stable, others)
end

--- Whether the canary is at `newCount` with all of them available, the stable at
--- `stableCount` with all of them created, and no other old pod is available
--- (AtDesiredReplicaCountsForCanary without a traffic router).
function canary.atDesiredCounts(newRS, stable, others, newCount, stableCount)
  if newRS == nil or newRS.replicas ~= newCount or newRS.availableReplicas ~= newCount then
    return false
  end
  if stable == nil or stable.replicas ~= stableCount or stable.currentReplicas ~= stableCount then
    return false
  end
  return availableCount(others) == 0
end

-- ReplicaSets -----------------------------------------------------------------------------------

--- The stable ReplicaSet: `ctx.stableRS`; else the one this rollout picked before; else the
--- newest old ReplicaSet with replicas (remembered in ctx.state.stable). Nil on a first
--- deployment, and when the new ReplicaSet is the stable one (a rollback to stable, e.g.
--- `rollout undo` mid-canary): as in Argo, there is nothing to be a canary against, so the
--- steps are skipped, never the half-rolled-out version taken for the stable.
function canary.stableReplicaSet(ctx)
  local new = ctx.newRS
  if ctx.stableRS then
    if ctx.stableRS.name == new.name then return nil end
    return ctx.stableRS
  end
  local remembered = ctx.state.stable and ctx:replicaSet(ctx.state.stable)
  if remembered and remembered.name ~= new.name then return remembered end
  local newest
  for _, rs in ipairs(ctx.oldRSs) do
    if rs.replicas > 0 and (newest == nil or rs.revision > newest.revision) then newest = rs end
  end
  if newest then ctx.state.stable = newest.name end
  return newest
end

--- Old ReplicaSets other than `stable`, oldest first.
function canary.otherReplicaSets(ctx, stable)
  local others = {}
  for _, rs in ipairs(ctx.oldRSs) do
    if rs ~= stable then others[#others + 1] = rs end
  end
  return others
end

--- Scales the other old ReplicaSets down (scaleDownOldReplicaSetsForCanary): first each one
--- with unavailable pods down to its available ones, oldest first; then, newest revision first,
--- as many pods as keep replicas - maxUnavailable available over every ReplicaSet. Returns how
--- many pods it removed.
function canary.scaleDownOldReplicaSets(ctx, others)
  local total = 0
  for _, rs in ipairs(others) do
    if rs.replicas > 0 and rs.replicas ~= rs.availableReplicas then
      if rs.availableReplicas > rs.replicas then return total end
      total = total + rs.replicas - rs.availableReplicas
      rs:scale(rs.availableReplicas)
    end
  end
  local minAvailable = ctx.deployment.replicas - ctx.fenceposts.maxUnavailable
  local maxScaleDown = availableCount(ctx:allRSs()) - minAvailable
  if maxScaleDown <= 0 then return total end
  local newestFirst = {}
  for i, rs in ipairs(others) do newestFirst[i] = rs end
  table.sort(newestFirst, function(a, b) return a.revision > b.revision end)
  for _, rs in ipairs(newestFirst) do
    if maxScaleDown <= 0 then break end
    if rs.replicas > 0 then
      local desired = rs.replicas > maxScaleDown and rs.replicas - maxScaleDown or 0
      local count = rs.replicas - desired
      rs:scale(desired)
      maxScaleDown = maxScaleDown - count
      total = total + count
    end
  end
  return total
end

-- Steps -----------------------------------------------------------------------------------------

local function describe(step)
  if step.setWeight then return format("setWeight %d", step.setWeight) end
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
  end
end

return canary
