-- pause-at-percentage: Kubernetes' RollingUpdate that stops at chosen shares of the new version.
--
-- Parameters (the rollout.dev/strategy-params annotation, or --param):
--   pauseAt: ascending percentages of replicas, each 1 to 99, e.g. [25, 50, 75]. Required.
--
-- Between two thresholds every step is the stock rolling step (rollout.rolling), except that the
-- new ReplicaSet grows to at most ceil(threshold * replicas / 100) for the next threshold not yet
-- passed, and the old ReplicaSets shrink to no fewer than replicas minus that cap. Once the new
-- ReplicaSet has that many available pods and the old ones are down to the rest, the step can do
-- no more: the rollout pauses (PausedAtPercentage) and holds that share until promoted. After
-- the last threshold it is plain rolling to completion. `rollout promote --full` skips the
-- remaining thresholds. A first deployment (no old pods) does not pause.
--
-- Example, replicas 8, pauseAt [25, 50, 75]: pauses with the new ReplicaSet at 2, 4 and 6 (the
-- old ones at 6, 4 and 2), then completes.
local rolling = require "rollout.rolling"

local M = {}

--- The parameters this strategy takes, by name (the host refuses any other).
M.params = { pauseAt = "ascending percentages of replicas at which to pause" }

local function fail(message)
  error("pause-at-percentage.lua: parameter pauseAt " .. message
    .. " (ascending percentages between 1 and 99, e.g. [25, 50, 75])", 0)
end

--- The thresholds from `params.pauseAt`, checked.
function M.thresholds(params)
  local list = params.pauseAt
  if list == nil then fail("is required") end
  if type(list) ~= "table" then fail("must be a list, got " .. type(list)) end
  local count = #list
  if count == 0 then fail("must list at least one percentage") end
  for key in pairs(list) do
    if math.type(key) ~= "integer" or key < 1 or key > count then
      fail("must be a list, not a map")
    end
  end
  for i, value in ipairs(list) do
    if type(value) ~= "number" then
      fail(string.format("[%d] must be a number, got %s", i, type(value)))
    end
    if value ~= value or value < 1 or value > 99 then
      fail(string.format("[%d] = %s is out of 1..99", i, tostring(value)))
    end
    if i > 1 and value <= list[i - 1] then
      fail(string.format("must be ascending: %s follows %s", tostring(value), tostring(list[i - 1])))
    end
  end
  return list
end

--- How many replicas of `replicas` the new ReplicaSet may have at `percent`: ceil(p * R / 100).
function M.cap(percent, replicas)
  return math.ceil(percent * replicas / 100)
end

--- reconcileNewReplicaSet with the new ReplicaSet capped at `cap` (never scaled down to it).
function M.reconcileNewReplicaSet(ctx, cap)
  local new, replicas = ctx.newRS, ctx.deployment.replicas
  if new.replicas >= cap then
    if new.replicas > replicas then
      new:scale(replicas)
      return true
    end
    return false
  end
  local target = math.min(rolling.newReplicas(ctx), cap)
  if target == new.replicas then return false end
  new:scale(target)
  return true
end

--- reconcileOldReplicaSets keeping at least `floor` replicas in the old ReplicaSets. With
--- floor 0 it is Kubernetes' own.
function M.reconcileOldReplicaSets(ctx, floor)
  local oldRSs = rolling.activeOld(ctx)
  local oldTotal = rolling.replicaCount(oldRSs)
  if oldTotal <= floor then return false end
  local new = ctx.newRS
  local minAvailable = ctx.deployment.replicas - ctx.fenceposts.maxUnavailable
  local newUnavailable = new.replicas - new.availableReplicas
  local maxScaledDown = math.min(
    rolling.replicaCount(ctx:allRSs()) - minAvailable - newUnavailable, oldTotal - floor)
  if maxScaledDown <= 0 then return false end
  local cleaned = rolling.cleanupUnhealthyReplicas(oldRSs, maxScaledDown)
  -- scaleDownOldReplicaSetsForRollingUpdate, stopping at the floor.
  local available = rolling.availableCount(oldRSs) + new.availableReplicas
  local toRemove = math.min(available - minAvailable, rolling.replicaCount(oldRSs) - floor)
  local scaledDown = 0
  for _, rs in ipairs(oldRSs) do
    if scaledDown >= toRemove then break end
    if rs.replicas > 0 then
      local count = math.min(rs.replicas, toRemove - scaledDown)
      rs:scale(rs.replicas - count)
      scaledDown = scaledDown + count
    end
  end
  return cleaned + scaledDown > 0
end

local function share(ctx)
  local replicas = ctx.deployment.replicas
  if replicas > 0 then
    ctx:setWeight(math.min(100, ctx.newRS.replicas * 100 // replicas))
  end
end

function M.step(ctx)
  local pauseAt = M.thresholds(ctx.params)
  local state, new, replicas = ctx.state, ctx.newRS, ctx.deployment.replicas
  local total = #pauseAt + 1
  local passed = state.passed
  if passed == nil then
    -- A first deployment (no old pods) has no share to hold: it rolls straight through.
    passed = rolling.replicaCount(ctx.oldRSs) == 0 and #pauseAt or 0
    state.passed = passed
  end
  if ctx.operator.promoteFull or replicas == 0 then passed = #pauseAt end
  if passed >= #pauseAt then
    state.passed = #pauseAt
    ctx:setStep(total, total)
    rolling.step(ctx)
    share(ctx)
    return
  end
  local threshold = pauseAt[passed + 1]
  local cap = M.cap(threshold, replicas)
  ctx:setStep(passed + 1, total)
  if M.reconcileNewReplicaSet(ctx, cap) then
    ctx:message(string.format("scaled up %s to %d of %d (holding at %s%%: %d)", new.name,
      new.replicas, replicas, tostring(threshold), cap))
  elseif M.reconcileOldReplicaSets(ctx, replicas - cap) then
    ctx:message(string.format("scaled down old replica sets to %d pods",
      rolling.replicaCount(rolling.activeOld(ctx))))
  elseif new.availableReplicas >= cap
    and rolling.replicaCount(rolling.activeOld(ctx)) <= replicas - cap then
    -- Thresholds that round to the same number of replicas are one pause, not several.
    repeat
      passed = passed + 1
    until passed >= #pauseAt or M.cap(pauseAt[passed + 1], replicas) > cap
    state.passed = passed
    share(ctx)
    ctx:message(string.format("paused at %s%%: %d of %d replicas updated", tostring(threshold),
      new.replicas, replicas))
    ctx:pause("PausedAtPercentage")
    return
  else
    ctx:message(string.format("waiting: %d of %d new replicas available (holding at %s%%)",
      new.availableReplicas, new.replicas, tostring(threshold)))
  end
  share(ctx)
end

return M
