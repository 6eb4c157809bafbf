-- GET of the URL given to wrk, as a guest (the register, /health/live).
dofile(os.getenv("QINQING_LOAD_LUA_DIR") .. "/common.lua")
