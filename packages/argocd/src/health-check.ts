/** The argocd-cm key under which Argo CD looks up the health check of child Applications. */
export const APPLICATION_HEALTH_KEY = 'resource.customizations.health.argoproj.io_Application';

/**
 * Health of a child Application as its parent sees it. Argo CD 1.8 dropped the built-in check,
 * so without this every child counts as Healthy the moment it exists and sync waves gate nothing.
 * It starts from the check in Argo CD's docs (operator-manual/health.md, "Argocd App"), which
 * passes the child's own health up. In a parent's sync (gitops-engine) Healthy lets the next wave
 * go, Degraded fails the parent's sync, and any other status makes it wait.
 *
 * Argo CD runs it in gopher-lua (Lua 5.1) with only the base, table and a safe os library open:
 * no string functions, and every field may be absent, so each one is checked before use.
 * Only the Application-level fields are read: they aggregate the resources in every version,
 * while `status.resources[].health` is gone by default since Argo CD 3.0, and a resource that
 * Argo CD leaves out of the aggregate (IgnoreExtraneous, ignore-healthcheck) would hold a wave forever.
 */
export const APPLICATION_HEALTH_LUA = `local hs = { status = "Progressing", message = "Waiting for the Application to report its health" }
local st = obj.status
-- A child the parent has just created has no status until its controller compares it.
if st == nil or st.health == nil or st.health.status == nil or st.health.status == "" then
  return hs
end
local health = st.health.status
local sync = nil
if st.sync ~= nil and st.sync.status ~= "" then
  sync = st.sync.status
end
local op = st.operationState
local phase = nil
if op ~= nil then
  phase = op.phase
end
local function opMessage(fallback)
  if type(op.message) == "string" and op.message ~= "" then
    return op.message
  end
  return fallback
end
-- A running sync decides the outcome; Argo CD (3.1) keeps a failed attempt Running while a retry is due.
if phase == "Running" or phase == "Terminating" then
  hs.message = "Sync operation " .. phase
  if opMessage(nil) ~= nil then
    hs.message = hs.message .. ": " .. op.message
  end
  return hs
end
-- A failed sync is over once a comparison at or after it (reconciledAt >= finishedAt, both UTC
-- RFC 3339 in whole seconds, so they order as strings) finds the child Healthy and Synced.
-- The controller compares right after an operation ends; until then the status predates the failure.
if phase == "Failed" or phase == "Error" then
  local finished = op.finishedAt
  local reconciled = st.reconciledAt
  local dated = type(finished) == "string" and type(reconciled) == "string"
  if dated and reconciled < finished then
    hs.message = "Sync " .. phase .. " at " .. finished .. "; waiting for Argo CD to compare the result"
    return hs
  end
  if not dated or health ~= "Healthy" or sync ~= "Synced" then
    hs.status = "Degraded"
    hs.message = opMessage("Sync " .. phase)
    return hs
  end
end
local message = nil
if type(st.health.message) == "string" and st.health.message ~= "" then
  message = st.health.message
end
if health ~= "Healthy" then
  hs.status = health
  hs.message = message or ("Application health is " .. health)
  return hs
end
-- A missing resource lowers only the sync status: for kinds without a health check in Argo CD 3.1,
-- for every kind since 3.4.
if sync ~= "Synced" then
  hs.message = "Healthy but not Synced: sync status is " .. (sync or "not reported")
  return hs
end
hs.status = "Healthy"
hs.message = message or "Healthy and Synced"
return hs
`;
