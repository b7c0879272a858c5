#pragma once

#include "core/draw/render_list.hpp"
#include "core/questions/question_look.hpp"
#include "core/questions/question_queue.hpp"
#include "core/text/text_layout.hpp"

#include <string>

namespace stagehand::core::questions {

// Lays the question out inside `card` (the panel's inner rectangle) and appends it to `list`.
// Returns the layout warnings (a missing font).
std::vector<std::string> build_question_card(const Question& question, std::size_t waiting,
                                             const QuestionCardStyle& style, const Rect& card,
                                             text::TextEngine& engine, RenderList& list);

} // namespace stagehand::core::questions
