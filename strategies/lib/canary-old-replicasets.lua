-- canary-old-replicasets: the canary strategy's old ReplicaSets (rollout/canary.go): which one
-- is the stable, which are the others, and scaling the others down.
--
--   local old = require "rollout.lib.canary-old-replicasets"
--   local stable = old.stableReplicaSet(ctx)
--   old.scaleDownOldReplicaSets(ctx, old.otherReplicaSets(ctx, stable))
local canaryReplicas = require "rollout.lib.canary-replicas"

local M = {}

--- The stable ReplicaSet: `ctx.stableRS`; else the one this rollout picked before; else the
--- newest old ReplicaSet with replicas (remembered in ctx.state.stable). Nil on a first
--- deployment, and when the new ReplicaSet is the stable one (a rollback to stable, e.g.
--- `rollout undo` mid-canary): as in Argo, there is nothing to be a canary against, so the
--- steps are skipped, never the half-rolled-out version taken for the stable.
function M.stableReplicaSet(ctx)
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
function M.otherReplicaSets(ctx, stable)
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
function M.scaleDownOldReplicaSets(ctx, others)
  local total = 0
  for _, rs in ipairs(others) do
    if rs.replicas > 0 and rs.replicas ~= rs.availableReplicas then
      if rs.availableReplicas > rs.replicas then return total end
      total = total + rs.replicas - rs.availableReplicas
      rs:scale(rs.availableReplicas)
    end
  end
  local minAvailable = ctx.deployment.replicas - ctx.fenceposts.maxUnavailable
  local maxScaleDown = canaryReplicas.availableCount(ctx:allRSs()) - minAvailable
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

return M
