-- rolling: Kubernetes' RollingUpdate, step for step (pkg/controller/deployment/rolling.go).
--
-- Each step either scales the new ReplicaSet up as far as maxSurge allows, or, when it cannot,
-- removes unhealthy old replicas and scales old ReplicaSets down as far as maxUnavailable
-- allows, oldest first. The engine runs the step again after every change, exactly as the
-- Kubernetes controller re-syncs, so the sequence of scale operations is Kubernetes' own.
--
-- Reuse it from your own strategy:
--   local rolling = require "rollout.rolling"
--   function step(ctx) ... rolling.step(ctx) end
local rolling = {}

--- What this strategy supports (docs/strategies.md): no abort; `rollout undo` goes back.
rolling.supports = { abort = false }

--- The parameters this strategy takes, by name (the host refuses any other): none, the
--- manifest's maxSurge and maxUnavailable drive it.
rolling.params = {}

-- Locals, not globals: the step runs at every sync. A Lua min is cheaper than math.min's C call.
local format = string.format
local function min(a, b)
  if a < b then return a end
  return b
end

--- Sum of spec.replicas over `list` (GetReplicaCountForReplicaSets).
function rolling.replicaCount(list)
  -- Numeric loops, not ipairs: the same walk without a function call per element.
  local total = 0
  for i = 1, #list do total = total + list[i].replicas end
  return total
end

--- Sum of status.availableReplicas over `list` (GetAvailableReplicaCountForReplicaSets).
function rolling.availableCount(list)
  local total = 0
  for i = 1, #list do total = total + list[i].availableReplicas end
  return total
end

--- Old ReplicaSets that still have replicas (FilterActiveReplicaSets), oldest first.
function rolling.activeOld(ctx)
  local active, list = {}, ctx.oldRSs
  for i = 1, #list do
    local rs = list[i]
    if rs.replicas > 0 then active[#active + 1] = rs end
  end
  return active
end

--- The size the new ReplicaSet may grow to now (NewRSNewReplicas). `oldPods`, the old
--- ReplicaSets' replicas, is counted when not given.
--- Example: replicas 10, maxSurge 3, 10 old + 0 new: room for 13 - 10 = 3, so new goes to 3.
function rolling.newReplicas(ctx, oldPods)
  local replicas, new = ctx.deployment.replicas, ctx.newRS
  local current = new.replicas + (oldPods or rolling.replicaCount(ctx.oldRSs))
  local maxTotal = replicas + ctx.fenceposts.maxSurge
  if current >= maxTotal then return new.replicas end
  local scaleUp = min(maxTotal - current, replicas - new.replicas)
  return new.replicas + scaleUp
end

--- Scales the new ReplicaSet towards `replicas` (reconcileNewReplicaSet). Returns true if it
--- scaled. `oldPods` as for newReplicas.
function rolling.reconcileNewReplicaSet(ctx, oldPods)
  local replicas, new = ctx.deployment.replicas, ctx.newRS
  if new.replicas == replicas then return false end
  local target = new.replicas > replicas and replicas or rolling.newReplicas(ctx, oldPods)
  if target == new.replicas then return false end
  new:scale(target)
  return true
end

--- Scales old ReplicaSets with unavailable replicas down by those replicas, oldest first, at
--- most `maxCleanup` in all (cleanupUnhealthyReplicas). Returns how many it removed.
function rolling.cleanupUnhealthyReplicas(oldRSs, maxCleanup)
  local total = 0
  for i = 1, #oldRSs do
    if total >= maxCleanup then break end
    local rs = oldRSs[i]
    local unhealthy = rs.replicas - rs.availableReplicas
    if rs.replicas > 0 and unhealthy > 0 then
      local count = min(maxCleanup - total, unhealthy)
      rs:scale(rs.replicas - count)
      total = total + count
    end
  end
  return total
end

--- Scales the active ones of the old ReplicaSets `oldRSs` down, oldest first, so that
--- available pods (of those and the new one) stay at or above replicas - maxUnavailable
--- (scaleDownOldReplicaSetsForRollingUpdate). Returns how many.
---
--- A ReplicaSet counts at most `replicas` available pods: one just scaled down (a scaling
--- event: `replicas` lowered from 3 to 2) may still report 3 available until its controller
--- deletes the extra pod, and that pod must not be counted on. Example: replicas 2,
--- maxUnavailable 1, old at 2 reporting 3 available, new at 1 with none: 2 count, 1 may go.
function rolling.scaleDownOldReplicaSets(ctx, oldRSs)
  local minAvailable = ctx.deployment.replicas - ctx.fenceposts.maxUnavailable
  local new = ctx.newRS
  local available = min(new.availableReplicas, new.replicas)
  for i = 1, #oldRSs do
    local rs = oldRSs[i]
    if rs.replicas > 0 then available = available + min(rs.availableReplicas, rs.replicas) end
  end
  if available <= minAvailable then return 0 end
  local toRemove, total = available - minAvailable, 0
  for i = 1, #oldRSs do
    if total >= toRemove then break end
    local rs = oldRSs[i]
    if rs.replicas > 0 then
      local count = min(rs.replicas, toRemove - total)
      rs:scale(rs.replicas - count)
      total = total + count
    end
  end
  return total
end

--- Scales old ReplicaSets down as far as availability allows (reconcileOldReplicaSets).
--- Returns true if it scaled, and the old ReplicaSets' replicas left. `oldPods` as for
--- newReplicas.
---
--- How far: every pod may go except those needed to keep replicas - maxUnavailable available,
--- counting the new ReplicaSet's not-yet-available pods as unavailable. Example: replicas 10,
--- maxSurge 3, maxUnavailable 2, old 10 (all available) and new 3 (none available yet):
--- 13 pods - 8 minimum available - 3 new unavailable = 2 old pods may go now.
function rolling.reconcileOldReplicaSets(ctx, oldPods)
  -- Kubernetes passes the active old ReplicaSets (FilterActiveReplicaSets); the functions
  -- below skip the inactive ones themselves, so no filtered list is built here.
  local oldRSs = ctx.oldRSs
  oldPods = oldPods or rolling.replicaCount(oldRSs)
  if oldPods == 0 then return false, 0 end
  local new = ctx.newRS
  local minAvailable = ctx.deployment.replicas - ctx.fenceposts.maxUnavailable
  local newUnavailable = new.replicas - new.availableReplicas
  local maxScaledDown = oldPods + new.replicas - minAvailable - newUnavailable
  if maxScaledDown <= 0 then return false, oldPods end
  local cleaned = rolling.cleanupUnhealthyReplicas(oldRSs, maxScaledDown)
  local scaledDown = rolling.scaleDownOldReplicaSets(ctx, oldRSs)
  return cleaned + scaledDown > 0, oldPods - cleaned - scaledDown
end

--- One rolling-update step: scale up, else scale down; says when there is nothing left to do.
function rolling.step(ctx)
  local new, replicas = ctx.newRS, ctx.deployment.replicas
  -- Counted once: nothing changes it until something scales, and then the step ends.
  local oldPods = rolling.replicaCount(ctx.oldRSs)
  if rolling.reconcileNewReplicaSet(ctx, oldPods) then
    ctx:message(format("scaled up %s to %d of %d", new.name, new.replicas, replicas))
    return
  end
  local scaled, remaining = rolling.reconcileOldReplicaSets(ctx, oldPods)
  if scaled then
    ctx:message(format("scaled down old replica sets to %d pods", remaining))
    return
  end
  if new.replicas == replicas and oldPods == 0 then
    ctx:message(format("%s at %d of %d replicas", new.name, new.replicas, replicas))
    ctx:finish()
  else
    ctx:message(format("waiting: %d of %d new replicas available",
      new.availableReplicas, new.replicas))
  end
end

return rolling
