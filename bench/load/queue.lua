-- GET /appeals?queue=mine (the member's own queue, page 1 of 20), each request as the next member.
dofile(os.getenv("QINQING_LOAD_LUA_DIR") .. "/common.lua")

function request()
  return wrk.format("GET", "/appeals?queue=mine&page=1&size=20", { ["Authorization"] = next_bearer() })
end
