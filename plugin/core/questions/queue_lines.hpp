#pragma once

// How questions.json writes a question (one line each): shared by the file's writer
// (queue_file.cpp) and the journal's records (queue_journal.cpp). Internal to core/questions.

#include "core/questions/question_queue.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

namespace stagehand::core::questions::saved_line {

// A question as questions.json writes it.
nlohmann::json question_json(const Question& q);
// JSON text on one line; invalid UTF-8 replaced, never a throw mid-save.
std::string dump(const nlohmann::json& value);
// Every field question_json() writes, folded into 64 bits: equal fingerprints mean the saved
// line can be written again as it is.
std::uint64_t fingerprint(const Question& q);

} // namespace stagehand::core::questions::saved_line
