-- rollout.host: binds strategy scripts to the engine. Host code, loaded once per Lua state;
-- strategies never see this module.
--
-- Each step runs the strategy's chunk afresh in a fresh global environment, so script globals
-- and module-level locals never survive from one step to the next: ctx.state is the only memory.
local host = {}

local error, pcall, type, tostring, ipairs = error, pcall, type, tostring, ipairs
local setmetatable, load = setmetatable, load
local math_type, tointeger = math.type, math.tointeger
local format = string.format
local base = _ENV

-- The decision being built by the step in progress.
local current

-- "canary.lua:42" for the script line `level` frames above the caller.
local function origin(level)
  -- error's level 1 is pcall, 2 is origin, 3 its caller: level counts from origin's caller.
  local _, where = pcall(error, "", level + 2)
  return (where:gsub(": $", ""))
end

local function count(value, what, level)
  local kind = math_type(value)
  if kind == "float" and value == value // 1 then
    return tointeger(value)
  elseif kind ~= "integer" then
    error(format("%s expects a whole number, got %s", what, kind and tostring(value) or type(value)), level + 1)
  end
  return value
end

--- A ReplicaSet handle: the counts of the snapshot plus `:scale(n)`.
local ReplicaSet = {}
ReplicaSet.__index = ReplicaSet
-- Shared by every deployment a state serves: scripts must not reach it (getmetatable).
ReplicaSet.__metatable = "rollout.ReplicaSet"

-- The handles of the step in progress (weak keys): what ctx:pointService accepts.
local handles = setmetatable({}, { __mode = "k" })

local function handle(rs)
  handles[rs] = true
  return setmetatable(rs, ReplicaSet)
end

--- Sets this ReplicaSet to `n` replicas. Later reads of `replicas` in the same step see `n`.
function ReplicaSet:scale(n)
  n = count(n, self.name .. ":scale", 2)
  if n < 0 then
    error(format("%s:scale(%d): a replica count cannot be negative", self.name, n), 2)
  end
  local scale = current.scale
  scale[#scale + 1] = { replicaSet = self.name, replicas = n, origin = origin(2) }
  self.replicas = n
end

--- The strategy context: the snapshot plus the decision primitives.
local Context = {}
Context.__index = Context
Context.__metatable = "rollout.Context"

--- Stops the rollout here with `reason` until promoted, or for `seconds` when given.
function Context:pause(reason, seconds)
  if type(reason) ~= "string" or reason == "" then
    error("ctx:pause expects a reason string", 2)
  end
  if seconds ~= nil and (type(seconds) ~= "number" or seconds < 0 or seconds ~= seconds) then
    error("ctx:pause expects a duration of zero or more seconds", 2)
  end
  current.pause = { reason = reason, seconds = seconds }
end

--- Says what the strategy is doing (shown in status and the timeline).
function Context:message(text)
  current.message = tostring(text)
end
Context.progress = Context.message

--- Says the strategy has nothing more to do for this revision.
function Context:finish()
  current.complete = true
end

--- Asks to be called again after `seconds` even if nothing changes.
function Context:requeue(seconds)
  if type(seconds) ~= "number" or not (seconds > 0) then
    error("ctx:requeue expects a duration of more than 0 seconds", 2)
  end
  current.requeueAfter = seconds
end

--- Points Service `name` at ReplicaSet `rs` (pins its pod-template-hash), or at every version
--- when `rs` is nil.
function Context:pointService(name, rs)
  if type(name) ~= "string" or self.services[name] == nil then
    error(format("ctx:pointService: no Service %q in the namespace", tostring(name)), 2)
  end
  if rs ~= nil and not handles[rs] then
    error("ctx:pointService expects a ReplicaSet handle or nil", 2)
  end
  local services = current.services
  services[#services + 1] = { service = name, replicaSet = rs and rs.name, origin = origin(2) }
  self.services[name].replicaSet = rs and rs.name
end

--- The share of traffic the new version should get, 0 to 100 (shown in status).
function Context:setWeight(percent)
  percent = count(percent, "ctx:setWeight", 2)
  if percent < 0 or percent > 100 then
    error(format("ctx:setWeight(%d): a weight is a percentage, 0 to 100", percent), 2)
  end
  current.weight = percent
end

--- Where the strategy is in its plan: step `index` of `total` (shown as "step 3/8").
function Context:setStep(index, total)
  current.step = { index = count(index, "ctx:setStep", 2), count = count(total, "ctx:setStep", 2) }
end

--- The ReplicaSet handle named `name`, or nil.
function Context:replicaSet(name)
  if self.newRS.name == name then return self.newRS end
  for _, rs in ipairs(self.oldRSs) do
    if rs.name == name then return rs end
  end
  return nil
end

--- Every ReplicaSet handle, the new one first.
function Context:allRSs()
  local all = { self.newRS }
  for _, rs in ipairs(self.oldRSs) do all[#all + 1] = rs end
  return all
end

local function context(snapshot)
  local new = handle(snapshot.newReplicaSet)
  -- The stable may be the new ReplicaSet itself (a rollback to the stable's template).
  local old, stable = {}, new.name == snapshot.stableReplicaSet and new or nil
  for i, rs in ipairs(snapshot.oldReplicaSets) do
    old[i] = handle(rs)
    if rs.name == snapshot.stableReplicaSet then stable = rs end
  end
  return setmetatable({
    deployment = snapshot.deployment,
    newRS = new,
    oldRSs = old,
    stableRS = stable,
    fenceposts = snapshot.fenceposts,
    now = snapshot.now,
    state = snapshot.state,
    params = snapshot.params,
    services = snapshot.services,
    operator = snapshot.operator,
  }, Context)
end

local runners = {}

-- The envelope a chunk declares: its module table's `envelope` field, or a global `envelope`
-- (for scripts that define a global step). Runs the chunk once; a chunk that fails here is
-- reported at its first step, as before.
local function declaredEnvelope(chunk, proxy, scratchMeta)
  local scratch = setmetatable({}, scratchMeta)
  proxy.__index, proxy.__newindex = scratch, scratch
  local ok, module = pcall(chunk)
  if not ok then return nil end
  local envelope
  if type(module) == "table" then envelope = module.envelope end
  if envelope == nil then envelope = scratch.envelope end
  if envelope ~= nil and type(envelope) ~= "table" then
    error("envelope must be a table such as {maxSurge = \"100%\", maxUnavailable = 0}", 0)
  end
  return envelope
end

--- Compiles `source` as strategy `id`; `chunkname` is how errors name it ("@canary.lua").
--- Returns the envelope the strategy declares, or nil.
function host.bind(id, source, chunkname)
  local proxy = { __metatable = "rollout.environment" }
  local env = setmetatable({}, proxy)
  local chunk, err = load(source, chunkname, "t", env)
  if not chunk then error(err, 0) end
  local scratchMeta = { __index = base, __metatable = "rollout.environment" }
  local name = chunkname:gsub("^[@=]", "")
  runners[id] = function(snapshot)
    local scratch = setmetatable({}, scratchMeta)
    proxy.__index, proxy.__newindex = scratch, scratch
    local module = chunk()
    local step = type(module) == "table" and module.step or scratch.step
    if type(step) ~= "function" then
      error(name .. ": no step function: return a table with step(ctx), or define step(ctx)", 0)
    end
    local ctx = context(snapshot)
    current = { scale = {}, services = {} }
    step(ctx)
    local decision = current
    current = nil
    decision.state = ctx.state
    return decision
  end
  return declaredEnvelope(chunk, proxy, scratchMeta)
end

--- Runs one step of strategy `id` on `snapshot`; returns the decision table.
function host.step(id, snapshot)
  return runners[id](snapshot)
end

return host
