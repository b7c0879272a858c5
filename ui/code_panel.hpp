#pragma once

#include "core/code/code_control.hpp"

#include <QString>
#include <QWidget>

#include <functional>
#include <memory>
#include <string>
#include <vector>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace stagehand::ui {

// Looks up a localized string by its key in the module's locale files; tests pass nothing and
// see the keys.
using Translate = std::function<QString(const char* key)>;

// The dock's code section: pick a code snippet source, walk its steps, and put code on stream
// by typing it or from the clipboard.
class CodePanel : public QWidget {
    Q_OBJECT

public:
    CodePanel(std::shared_ptr<core::code::CodeControl> control, Translate text,
              QWidget* parent = nullptr);

    // Re-reads the sources and the chosen one's state (called by the dock's timer: steps move by
    // hotkeys too, and sources come and go).
    void refresh();
    // Stops talking to OBS (at OBS's exit, before the sources go away).
    void detach();

    // What the buttons (and the dock's hotkeys) do, to the source chosen in the dock.
    void pasteClipboard();
    void step(int delta);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QString text(const char* key) const;
    std::string current() const;
    void loadEditorFromSource();
    void showEditorText();

    std::shared_ptr<core::code::CodeControl> control_;
    Translate translate_;
    QComboBox* sources_;
    QLabel* hint_;
    QPushButton* previous_;
    QLabel* step_label_;
    QPushButton* next_;
    QLabel* file_label_;
    QPlainTextEdit* editor_;
    QComboBox* language_;
    QPushButton* show_;
    QPushButton* paste_;
    std::vector<std::string> listed_;
};

} // namespace stagehand::ui
