-- recreate: Kubernetes' Recreate strategy (pkg/controller/deployment/recreate.go).
--
-- Scale every old ReplicaSet to zero, wait until none of their pods is left (terminating ones
-- included), then scale the new ReplicaSet to full size. Downtime by design: old and new
-- versions never run at the same time.
--
-- Safety envelope: recreate declares maxUnavailable 100% (every old pod goes before a new one
-- starts); the manifest's maxSurge still holds.
local recreate = {}

--- The parameters this strategy takes, by name (the host refuses any other): none.
recreate.params = {}

--- The safety envelope this strategy needs (docs/strategies.md, "The safety envelope").
recreate.envelope = { maxUnavailable = "100%" }
--- What this strategy supports (docs/strategies.md): no abort; `rollout undo` goes back.
recreate.supports = { abort = false }

--- Scales every old ReplicaSet with replicas to zero. Returns true if it scaled.
function recreate.scaleDownOld(ctx)
  local scaled = false
  for _, rs in ipairs(ctx.oldRSs) do
    if rs.replicas > 0 then
      rs:scale(0)
      scaled = true
    end
  end
  return scaled
end

--- Pods of old ReplicaSets still running or terminating (oldPodsRunning).
function recreate.oldPods(ctx)
  local pods = 0
  for _, rs in ipairs(ctx.oldRSs) do
    pods = pods + rs.currentReplicas + rs.terminatingReplicas
  end
  return pods
end

function recreate.step(ctx)
  if recreate.scaleDownOld(ctx) then
    ctx:message("scaled down old replica sets to 0")
    return
  end
  local remaining = recreate.oldPods(ctx)
  if remaining > 0 then
    ctx:message(string.format("waiting for %d old pods to terminate", remaining))
    return
  end
  local new, replicas = ctx.newRS, ctx.deployment.replicas
  if new.replicas ~= replicas then
    new:scale(replicas)
    ctx:message(string.format("scaled up %s to %d", new.name, replicas))
    return
  end
  ctx:finish()
end

return recreate
