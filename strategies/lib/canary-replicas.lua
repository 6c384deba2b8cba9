-- canary-replicas: Argo Rollouts' replica arithmetic for a canary without a traffic router
-- (utils/replicaset/canary.go): the weight in force at a step, and the canary and stable counts
-- that approximate it within maxSurge and maxUnavailable. Pure functions of their arguments
-- (ReplicaSets are read, never scaled). strategies/canary.lua re-exports them.
--
--   local canaryReplicas = require "rollout.lib.canary-replicas"
--   local new, stable = canaryReplicas.basicCounts(10, 20, 1, 0, ctx.newRS, ctx.stableRS, {})
local M = {}

local ceil, floor, abs = math.ceil, math.floor, math.abs
local max, min = math.max, math.min

-- Weights ---------------------------------------------------------------------------------------

--- The weight of the last setWeight at or before step `index` (GetCurrentSetWeight): 0 when
--- aborted, 100 past the last step, 0 before any setWeight.
function M.currentSetWeight(steps, index, aborted)
  if aborted then return 0 end
  if index > #steps then return 100 end
  for i = index, 1, -1 do
    if steps[i].setWeight then return steps[i].setWeight end
  end
  return 0
end

--- The setCanaryScale in force at step `index` (UseSetCanaryScale), or nil: the last one at or
--- before it, unless that one is {matchTrafficWeight = true} or the rollout is aborted.
function M.setCanaryScale(steps, index, aborted)
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
function M.canaryReplicasOrWeight(steps, index, status)
  if status.promoteFull or status.noStable then return nil, 100 end
  local scale = M.setCanaryScale(steps, index, status.aborted)
  if scale then
    if scale.replicas then return scale.replicas, 0 end
    if scale.weight then return nil, scale.weight end
  end
  return nil, M.currentSetWeight(steps, index, status.aborted)
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
function M.approximateCounts(replicas, weight, maxSurge)
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
function M.replicasForScaleDown(rs, ignoreAvailability)
  if rs == nil then return 0 end
  if rs.replicas < rs.availableReplicas then return rs.replicas end
  if ignoreAvailability then return rs.replicas end
  return rs.availableReplicas
end

--- Sum of spec.replicas over the ReplicaSets in `list`.
function M.replicaCount(list)
  local total = 0
  for _, rs in pairs(list) do total = total + rs.replicas end
  return total
end
local replicaCount = M.replicaCount

--- Sum of availableReplicas over the ReplicaSets in `list`.
function M.availableCount(list)
  local total = 0
  for _, rs in pairs(list) do total = total + rs.availableReplicas end
  return total
end
local availableCount = M.availableCount

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
function M.basicCounts(replicas, weight, maxSurge, maxUnavailable, newRS, stableRS, otherRSs)
  local desiredNew, desiredStable = M.approximateCounts(replicas, weight, maxSurge)
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
  local toScaleDown = M.replicasForScaleDown(newRS, not increasing)
    + M.replicasForScaleDown(stableRS, increasing)
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
function M.weightToReplicas(replicas, weight)
  return math.tointeger(ceil((weight * replicas) / 100))
end

--- The next counts for the canary and the stable at step `index` of `steps`. A setCanaryScale
--- in force sets the canary outright and keeps the stable at full size (Argo's arithmetic for a
--- setCanaryScale, which it only honours with a traffic router); otherwise basicCounts.
function M.replicaCounts(ctx, steps, index, stable, others)
  local replicas = ctx.deployment.replicas
  local operator = ctx.operator or {}
  local fixed, weight = M.canaryReplicasOrWeight(steps, index, {
    promoteFull = operator.promoteFull, aborted = operator.aborted, noStable = stable == nil })
  local scale = stable and M.setCanaryScale(steps, index, operator.aborted)
  if fixed then return fixed, replicas end
  if scale and scale.weight and not operator.promoteFull then
    return M.weightToReplicas(replicas, weight), replicas
  end
  local fenceposts = ctx.fenceposts
  return M.basicCounts(replicas, weight, fenceposts.maxSurge, fenceposts.maxUnavailable,
    ctx.newRS, stable, others)
end

--- Whether the canary is at `newCount` with all of them available, the stable at
--- `stableCount` with all of them created, and no other old pod is available
--- (AtDesiredReplicaCountsForCanary without a traffic router).
function M.atDesiredCounts(newRS, stable, others, newCount, stableCount)
  if newRS == nil or newRS.replicas ~= newCount or newRS.availableReplicas ~= newCount then
    return false
  end
  if stable == nil or stable.replicas ~= stableCount or stable.currentReplicas ~= stableCount then
    return false
  end
  return availableCount(others) == 0
end

return M
