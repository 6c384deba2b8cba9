-- rollout.host: binds strategy scripts to the engine. Host code, loaded once per Lua state;
-- strategies never see this module.
--
-- Each step runs the strategy's chunk afresh in a fresh global environment, so script globals
-- and module-level locals never survive from one step to the next: ctx.state is the only memory.
local host = {}

local error, pcall, type, tostring, ipairs = error, pcall, type, tostring, ipairs
local setmetatable, load, math_type, tointeger = setmetatable, load, math.type, math.tointeger
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
  if type(seconds) ~= "number" or seconds < 0 or seconds ~= seconds then
    error("ctx:requeue expects a duration of zero or more seconds", 2)
  end
  current.requeueAfter = seconds
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
  local old = {}
  for i, rs in ipairs(snapshot.oldReplicaSets) do old[i] = setmetatable(rs, ReplicaSet) end
  return setmetatable({
    deployment = snapshot.deployment,
    newRS = setmetatable(snapshot.newReplicaSet, ReplicaSet),
    oldRSs = old,
    fenceposts = snapshot.fenceposts,
    now = snapshot.now,
    state = snapshot.state,
    params = snapshot.params,
  }, Context)
end

local runners = {}

--- Compiles `source` as strategy `id`; `chunkname` is how errors name it ("@canary.lua").
function host.bind(id, source, chunkname)
  local proxy = {}
  local env = setmetatable({}, proxy)
  local chunk, err = load(source, chunkname, "t", env)
  if not chunk then error(err, 0) end
  local scratchMeta = { __index = base }
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
    current = { scale = {} }
    step(ctx)
    local decision = current
    current = nil
    decision.state = ctx.state
    return decision
  end
end

--- Runs one step of strategy `id` on `snapshot`; returns the decision table.
function host.step(id, snapshot)
  return runners[id](snapshot)
end

return host
