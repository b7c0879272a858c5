#pragma once

// What every render test file shares: the one headless libobs of the process (started by the
// environment in render_test.cpp) and the module's control layer as scripts call it.

#include "headless_obs.hpp"

#include <nlohmann/json.hpp>

namespace stagehand::test {

// Null when libobs did not start (the environment reports why).
extern HeadlessObs* g_obs;

// The libobs procedure stagehand_request on the global proc handler, as an OBS script calls it.
nlohmann::json stagehand_request(const char* request, const nlohmann::json& data);

} // namespace stagehand::test
