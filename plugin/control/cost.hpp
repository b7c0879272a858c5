#pragma once

#include "core/base/cpu_cost.hpp"

namespace stagehand::control {

// The dock's share of get_cost: the UI layer sees control, not core, so it measures itself
// through this. Adds the CPU time of its scope on the UI thread to the "dock" place.
class DockCostScope {
public:
    DockCostScope() = default;
    DockCostScope(const DockCostScope&) = delete;
    DockCostScope& operator=(const DockCostScope&) = delete;

private:
    core::CostMeter meter_{core::CostPlace::dock};
};

} // namespace stagehand::control
