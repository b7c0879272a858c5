#pragma once

#include "core/base/error_report.hpp"

namespace stagehand::control {

// For the UI layer, which sees control, not core. Qt does not support an exception that leaves a
// slot or an event handler: it unwinds through the event loop and ends OBS. Every way into the
// dock from Qt (a button, a timer, an event filter, a queued call) goes through one of these, so
// a failure in it is written to OBS's log (once a minute per message) and the dock goes on:
// guarded_slot(what, body) for QObject::connect (the body gets the signal's arguments if it takes
// them), run_guarded(what, body) for work run in place.
using core::guarded_slot;
using core::run_guarded;

} // namespace stagehand::control
