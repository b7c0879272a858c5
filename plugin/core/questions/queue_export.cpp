// The session's questions for the blog post after the talk: Markdown and CSV.
#include "core/questions/question_queue.hpp"

#include <sstream>
#include <string>
#include <string_view>

namespace stagehand::core::questions {

namespace {

std::string csv_cell(std::string_view text) {
    std::string cell(text);
    // A cell a spreadsheet would run as a formula is written as text.
    if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@'))
        cell.insert(cell.begin(), '\'');
    std::string quoted = "\"";
    for (char c : cell)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string markdown_text(std::string_view text) {
    // Plain text in Markdown: characters that would start markup are escaped, lines joined.
    std::string out;
    for (char c : text) {
        if (c == '\n' || c == '\r') {
            out += ' ';
            continue;
        }
        if (std::string_view("\\`*_{}[]<>()#+-.!|~").find(c) != std::string_view::npos)
            out += '\\';
        out += c;
    }
    return out;
}

} // namespace

std::string QuestionQueue::export_markdown(std::string_view title) const {
    std::ostringstream out;
    out << "# " << markdown_text(title) << "\n\n";
    out << "| # | Question | Asked by | Platform | Votes | Answered | Asked at (UTC) |\n";
    out << "| --- | --- | --- | --- | --- | --- | --- |\n";
    for (const auto& q : list())
        out << "| " << q.id << " | " << markdown_text(q.text()) << " | "
            << markdown_text(q.author()) << " | " << q.platform() << " | " << q.votes << " | "
            << (q.answered() ? "yes" : "no") << " | " << chat::format_time(q.time) << " |\n";
    return out.str();
}

std::string QuestionQueue::export_csv() const {
    std::ostringstream out;
    out << "id,question,author,platform,votes,answered,state,time\r\n";
    for (const auto& q : list())
        out << q.id << "," << csv_cell(q.text()) << "," << csv_cell(q.author()) << ","
            << q.platform() << "," << q.votes << "," << (q.answered() ? "yes" : "no") << ","
            << to_string(q.state) << "," << chat::format_time(q.time) << "\r\n";
    return out.str();
}

} // namespace stagehand::core::questions
