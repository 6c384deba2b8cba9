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
local M = {}

--- The safety envelope this strategy needs (docs/strategies.md, "The safety envelope").
M.envelope = { maxSurge = "100%" }

local format = string.format

local function fail(name, message)
  error(format("blue-green.lua: parameter %s %s", name, message), 0)
end

local units = { ms = 0.001, s = 1, m = 60, h = 3600 }

--- Seconds from a number or a Go-style duration ("30s", "10m", "1h30m", "1.5s", "45").
function M.duration(value, name)
  if type(value) == "number" then
    if value ~= value or value < 0 or value == math.huge then
      fail(name, format("must be zero or more seconds, got %s", tostring(value)))
    end
    return value
  end
  if type(value) ~= "string" then
    fail(name, format("must be a duration (seconds, or text like \"30s\" or \"10m\"), got %s",
      type(value)))
  end
  local text = value:match("^%s*(.-)%s*$")
  local plain = tonumber(text)
  if plain and text:match("^[%d.]+$") then return plain end
  local total, rest = 0, text
  if rest == "" then fail(name, "must be a duration, got an empty string") end
  while rest ~= "" do
    local number, unit, after = rest:match("^(%d*%.?%d+)(%a+)(.*)$")
    if not number or not units[unit] then
      fail(name, format("must be a duration like \"30s\", \"10m\" or \"1h30m\", got %q", value))
    end
    total = total + tonumber(number) * units[unit]
    rest = after
  end
  return total
end

local function boolean(value, name, default)
  if value == nil then return default end
  if value == true or value == "true" then return true end
  if value == false or value == "false" then return false end
  fail(name, format("must be true or false, got %s", tostring(value)))
end

local function service(ctx, value, name)
  if type(value) ~= "string" or value == "" then
    fail(name, format("must name a Service, got %s", value == "" and "\"\"" or type(value)))
  end
  if ctx.services[value] == nil then
    local names = {}
    for known in pairs(ctx.services) do names[#names + 1] = known end
    table.sort(names)
    fail(name, format("names Service %q, which is not in namespace %s (Services: %s)", value,
      ctx.deployment.namespace, #names > 0 and table.concat(names, ", ") or "none"))
  end
  return value
end

--- The parameters, checked and defaulted.
function M.parameters(ctx)
  local params = ctx.params
  if params.activeService == nil then
    fail("activeService", "is required: the Service that carries production traffic")
  end
  local p = { activeService = service(ctx, params.activeService, "activeService") }
  if params.previewService ~= nil then
    p.previewService = service(ctx, params.previewService, "previewService")
    if p.previewService == p.activeService then
      fail("previewService", "must differ from activeService")
    end
  end
  local replicas = ctx.deployment.replicas
  p.previewReplicaCount = replicas
  if params.previewReplicaCount ~= nil then
    local count = params.previewReplicaCount
    if math.type(count) == "float" and count == count // 1 then count = math.tointeger(count) end
    if math.type(count) ~= "integer" or count < 0 then
      fail("previewReplicaCount", format("must be a whole number of replicas, 0 or more, got %s",
        tostring(count)))
    end
    p.previewReplicaCount = math.min(count, replicas)
  end
  p.autoPromotionEnabled = boolean(params.autoPromotionEnabled, "autoPromotionEnabled", true)
  if params.autoPromotionSeconds ~= nil then
    p.autoPromotionSeconds = M.duration(params.autoPromotionSeconds, "autoPromotionSeconds")
  end
  p.scaleDownDelaySeconds = params.scaleDownDelaySeconds == nil and 30
    or M.duration(params.scaleDownDelaySeconds, "scaleDownDelaySeconds")
  p.abortScaleDownDelaySeconds = params.abortScaleDownDelaySeconds == nil and 30
    or M.duration(params.abortScaleDownDelaySeconds, "abortScaleDownDelaySeconds")
  return p
end

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
