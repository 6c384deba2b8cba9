-- batches: Kubernetes' rolling update, but never more than `batch` new pods per step, and a
-- bake time after the first batch is up. Shows how a custom strategy reuses the stock steps.
--
--   rollout --strategy examples/strategies/batches.lua --param batch=2 --param bake=1m app.yaml
local rolling = require "rollout.rolling"

-- The parameters it takes: any other (`--param bacth=2`) is refused before anything is applied.
params = {
  batch = "new pods per step (default 1)",
  bake = "seconds, or a duration like 5m, to wait once the first batch is up (default 0)",
}

local function seconds(value)
  if type(value) == "number" then return value end
  local n, unit = tostring(value):match("^(%d+)(%a*)$")
  local scale = ({ [""] = 1, s = 1, m = 60, h = 3600 })[unit]
  if not n or not scale then error("param bake: expected seconds or a duration like 30s, 5m") end
  return tonumber(n) * scale
end

function step(ctx)
  local batch = ctx.params.batch or 1
  local bake = seconds(ctx.params.bake or 0)
  local new = ctx.newRS

  -- Bake: after the first batch is available, wait once before going on.
  if bake > 0 and not ctx.state.baked and new.availableReplicas >= batch then
    ctx.state.baked = true
    ctx:pause("Baking", bake)
    ctx:message(string.format("first %d pods are up; baking for %ds", batch, bake))
    return
  end

  -- Never more than `batch` new pods in one step, within Kubernetes' own bounds.
  local target = rolling.newReplicas(ctx)
  if target > new.replicas then
    new:scale(math.min(target, new.replicas + batch))
    ctx:message(string.format("batch: %s to %d", new.name, new.replicas))
    return
  end
  rolling.step(ctx)
end
