-- blue-green: Argo Rollouts' BlueGreen strategy (rollout/bluegreen.go, docs/features/bluegreen.md).
--
-- Parameters (the rollout.dev/strategy-params annotation, or --param), Argo's names:
--   activeService               Service that carries production traffic. Required.
--   previewService              Service pointed at the new version before promotion. Optional.
--   previewReplicaCount         size of the new ReplicaSet before promotion (default: replicas).
--   autoPromotionEnabled        false: pause (BlueGreenPause) before the switch until promoted.
--                               Default true.
--   autoPromotionSeconds        with autoPromotionEnabled, pause this long before the switch
--                               (ignored when autoPromotionEnabled is false, as in Argo).
--   scaleDownDelaySeconds       how long the old version keeps running after the switch (30).
--   abortScaleDownDelaySeconds  how long the new version keeps running after an abort (30;
--                               0 keeps it running, as in Argo).
--   prePromotionAnalysis        {templates = , args = }: analysis of the preview before the
--                               switch; the switch waits for it to succeed.
--   postPromotionAnalysis       {templates = , args = }: analysis after the switch; the old
--                               version is kept until it succeeds, and a failed run aborts
--                               back to it.
-- Durations are seconds, or text such as "30s", "10m", "1h30m".
--
-- An update: the preview Service points at the new ReplicaSet, which grows to
-- previewReplicaCount (or replicas) while the active Service stays on the stable one; once it is
-- available the rollout pauses if asked to; then the new ReplicaSet grows to replicas, the active
-- Service switches to it, and scaleDownDelaySeconds later the old ReplicaSets go to 0. The
-- rollout completes when their pods are gone. Blue-green needs room for two full versions:
-- maxSurge is ignored. A first deployment (no stable ReplicaSet) goes straight to replicas.
--
-- Safety envelope: blue-green declares maxSurge 100% (two full versions at once); the manifest's
-- maxUnavailable still holds, and an operator may narrow either with rollout.dev/envelope.
--
-- The parameters are checked in strategies/lib/blue-green-params.lua; this module re-exports
-- `duration` and `parameters` and keeps the steps.
local bgParams = require "rollout.lib.blue-green-params"
local analysisParams = require "rollout.lib.analysis-params"

local M = {}

--- The safety envelope this strategy needs (docs/strategies.md, "The safety envelope").
M.envelope = { maxSurge = "100%" }
--- The parameters this strategy takes, by name (the host refuses any other).
M.params = {
  activeService = "the Service that carries production traffic",
  previewService = "the Service pointed at the new version before promotion",
  previewReplicaCount = "size of the new ReplicaSet before promotion",
  autoPromotionEnabled = "false: pause before the switch until promoted",
  autoPromotionSeconds = "pause this long before the switch",
  scaleDownDelaySeconds = "how long the old version keeps running after the switch",
  abortScaleDownDelaySeconds = "how long the new version keeps running after an abort",
  prePromotionAnalysis = "analysis of the preview before the switch",
  postPromotionAnalysis = "analysis after the switch, before the old version goes",
}
M.duration = bgParams.duration
M.parameters = bgParams.parameters

local format = string.format

local function point(ctx, name, rs)
  if name and ctx.services[name].replicaSet ~= rs.name then ctx:pointService(name, rs) end
end

local function scale(rs, replicas)
  if rs.replicas == replicas then return false end
  rs:scale(replicas)
  return true
end

--- True if an old ReplicaSet still has pods, wanted, running or terminating.
local function oldPodsLeft(ctx)
  for _, rs in ipairs(ctx.oldRSs) do
    if rs.replicas > 0 or rs.currentReplicas > 0 or rs.terminatingReplicas > 0 then
      return true
    end
  end
  return false
end

--- The ReplicaSet the active Service serves before this rollout: the stable one, or else the
--- old ReplicaSet the active Service is pinned to.
function M.stable(ctx, p)
  if ctx.stableRS then return ctx.stableRS end
  local pinned = ctx.services[p.activeService].replicaSet
  local rs = pinned and ctx:replicaSet(pinned)
  if rs and rs ~= ctx.newRS then return rs end
  return nil
end

--- After the switch: keep the old version scaleDownDelaySeconds, then scale it to 0 and finish
--- once its pods are gone and the new ReplicaSet is fully available.
local function afterSwitch(ctx, p)
  local state, new, replicas = ctx.state, ctx.newRS, ctx.deployment.replicas
  ctx:setWeight(100)
  ctx:setStep(3, 3)
  if scale(new, replicas) then
    ctx:message(format("scaled %s to %d", new.name, replicas))
    return
  end
  local oldScaledUp = false
  for _, rs in ipairs(ctx.oldRSs) do
    if rs.replicas > 0 then oldScaledUp = true end
  end
  if oldScaledUp and p.postPromotionAnalysis and ctx.stableRS then
    local done, text = analysisParams.await(ctx, "post-promotion", p.postPromotionAnalysis,
      ctx.operator.promoted)
    if not done then
      ctx:message(format("active on %s; old replica sets kept: %s", new.name, text))
      return
    end
  end
  if oldScaledUp then
    local remaining = state.switchedAt + p.scaleDownDelaySeconds - ctx.now
    if remaining > 0 then
      ctx:message(format("active on %s; old replica sets scale down in %gs", new.name, remaining))
      ctx:requeue(remaining)
      return
    end
    for _, rs in ipairs(ctx.oldRSs) do scale(rs, 0) end
    ctx:message("scaled down old replica sets after the scale-down delay")
    return
  end
  if oldPodsLeft(ctx) then
    ctx:message("waiting for old pods to terminate")
    return
  end
  if new.availableReplicas < replicas then
    ctx:message(format("waiting: %d of %d new replicas available", new.availableReplicas, replicas))
    return
  end
  ctx:message(format("%s active with %d of %d replicas", new.name, new.replicas, replicas))
  ctx:finish()
end

--- Points the active (and preview) Service at the new ReplicaSet and starts the delay.
local function switch(ctx, p)
  local new = ctx.newRS
  point(ctx, p.activeService, new)
  point(ctx, p.previewService, new)
  ctx.state.switchedAt = ctx.now
  if p.postPromotionAnalysis and ctx.stableRS and ctx.stableRS.name ~= new.name then
    ctx:analyze("post-promotion", { templates = p.postPromotionAnalysis.templates,
      args = p.postPromotionAnalysis.args })
  end
  ctx:setWeight(100)
  ctx:setStep(3, 3)
  if oldPodsLeft(ctx) then
    ctx:message(format("switched %s to %s; old replica sets scale down in %gs", p.activeService,
      new.name, p.scaleDownDelaySeconds))
    ctx:requeue(p.scaleDownDelaySeconds)
  else
    afterSwitch(ctx, p)
  end
end

--- Abort: the active Service goes back to the stable ReplicaSet (scaled back up first), and
--- abortScaleDownDelaySeconds later the new ReplicaSet goes to 0.
local function abort(ctx, p, stable)
  local state, new, replicas = ctx.state, ctx.newRS, ctx.deployment.replicas
  state.switchedAt, state.pauseDone = nil, nil
  ctx:setWeight(0)
  local scaled = scale(stable, replicas)
  for _, rs in ipairs(ctx.oldRSs) do
    if rs ~= stable then scaled = scale(rs, 0) or scaled end
  end
  if stable.availableReplicas < replicas then
    ctx:message(format("aborted: waiting for %d of %d stable replicas of %s to be available",
      stable.availableReplicas, replicas, stable.name))
    return
  end
  point(ctx, p.activeService, stable)
  state.abortedAt = state.abortedAt or ctx.now
  if p.abortScaleDownDelaySeconds == 0 then
    ctx:message(format("aborted: %s back on %s; %s kept (abortScaleDownDelaySeconds 0)",
      p.activeService, stable.name, new.name))
    if not scaled then ctx:finish() end
    return
  end
  local remaining = state.abortedAt + p.abortScaleDownDelaySeconds - ctx.now
  if remaining > 0 then
    ctx:message(format("aborted: %s back on %s; %s scales down in %gs", p.activeService,
      stable.name, new.name, remaining))
    ctx:requeue(remaining)
    return
  end
  if scale(new, 0) or scaled then
    ctx:message(format("aborted: scaled down %s", new.name))
    return
  end
  ctx:message(format("aborted: %s back on %s", p.activeService, stable.name))
  ctx:finish()
end

function M.step(ctx)
  local p = M.parameters(ctx)
  local state, new, replicas = ctx.state, ctx.newRS, ctx.deployment.replicas
  local stable = M.stable(ctx, p)

  if ctx.operator.aborted then
    if stable then return abort(ctx, p, stable) end
    ctx:message("aborted: no stable ReplicaSet to go back to")
    return
  end
  state.abortedAt = nil
  if state.switchedAt then return afterSwitch(ctx, p) end

  if not stable then
    -- First deployment: straight to full size. The active Service points at the new version
    -- at once, unless old pods still serve it; then it switches once the new one is available.
    ctx:setWeight(100)
    ctx:setStep(3, 3)
    if scale(new, replicas) then
      ctx:message(format("scaled %s to %d", new.name, replicas))
      point(ctx, p.previewService, new)
      return
    end
    if oldPodsLeft(ctx) and new.availableReplicas < replicas then
      ctx:message(format("waiting: %d of %d new replicas available", new.availableReplicas,
        replicas))
      return
    end
    return switch(ctx, p)
  end

  if stable.name == new.name then
    -- Back to the version the active Service already serves (an undo during a preview): there
    -- is nothing to preview or promote; switch at once, the rest goes after the delay.
    return switch(ctx, p)
  end

  -- Update: the active Service stays on the stable version while the new one comes up behind
  -- the preview Service.
  ctx:setWeight(0)
  local promoting = state.pauseDone or ctx.operator.promoteFull
  local target = promoting and replicas or p.previewReplicaCount
  ctx:setStep(promoting and 2 or 1, 3)
  point(ctx, p.activeService, stable)
  point(ctx, p.previewService, new)
  local scaled = scale(new, target)
  scaled = scale(stable, replicas) or scaled
  for _, rs in ipairs(ctx.oldRSs) do
    if rs ~= stable then scaled = scale(rs, 0) or scaled end
  end
  if scaled then
    ctx:message(format("scaled %s to %d behind %s", new.name, target,
      p.previewService or "no preview Service"))
    return
  end
  if new.availableReplicas < target then
    ctx:message(format("waiting: %d of %d new replicas available", new.availableReplicas, target))
    return
  end
  if p.prePromotionAnalysis and not ctx.operator.promoteFull then
    local done, text = analysisParams.await(ctx, "pre-promotion", p.prePromotionAnalysis,
      ctx.operator.promoted)
    if not done then
      ctx:message(format("%s ready on %s: %s", new.name, p.previewService or "no preview Service",
        text))
      return
    end
  end
  if not promoting then
    local seconds = p.autoPromotionSeconds
    if not p.autoPromotionEnabled or (seconds and seconds > 0) then
      state.pauseDone = true
      ctx:message(format("%s ready on %s: paused before promotion", new.name,
        p.previewService or "no preview Service"))
      -- Argo ignores autoPromotionSeconds when autoPromotionEnabled is false.
      ctx:pause("BlueGreenPause", p.autoPromotionEnabled and seconds or nil)
      return
    end
    state.pauseDone = true
  end
  if new.replicas < replicas or new.availableReplicas < replicas then
    -- Promotion with a smaller preview: full size first, then the switch.
    ctx:setStep(2, 3)
    if scale(new, replicas) then
      ctx:message(format("promoting: scaled %s to %d", new.name, replicas))
    else
      ctx:message(format("promoting: %d of %d new replicas available", new.availableReplicas,
        replicas))
    end
    return
  end
  return switch(ctx, p)
end

return M
