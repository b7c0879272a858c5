#pragma once

#include "control/controller.hpp"
#include "ui/dock_section.hpp"

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

class SteadyLabel;

// The dock's code section: pick a code snippet source, walk its steps, and put code on stream
// by typing it or from the clipboard. Everything it does is a control-layer command, the same
// one a hotkey or a remote request sends; errors from the controller are shown under it.
class CodePanel : public DockSection {
    Q_OBJECT

public:
    CodePanel(std::shared_ptr<control::Controller> control, Translate text,
              QWidget* parent = nullptr);

    // Shows the sources and the chosen one's state from a snapshot of the controller (called by
    // the dock's timer: steps move by hotkeys and remote requests too, and sources come and go).
    void refresh(const control::ControlState& state) override;
    void refresh();
    // Stops talking to OBS (at OBS's exit, before the sources go away).
    void detach() override;

    // What the buttons (and the dock's hotkeys) do, to the source chosen in the dock.
    void pasteClipboard();
    void step(int delta);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    QString text(const char* key) const;
    std::string current() const;
    const control::CodeSourceState* chosen(const control::ControlState& state) const;
    void choose(const std::string& name);
    void loadEditorFromSource(const control::ControlState& state);
    void showEditorText();
    // Shows a command's error under the section (cleared by the next success).
    void report(const control::Result& result);

    std::shared_ptr<control::Controller> control_;
    Translate translate_;
    QComboBox* sources_;
    QLabel* hint_;
    QPushButton* previous_;
    SteadyLabel* step_label_; // moves with every step: no layout of the dock for it
    QPushButton* next_;
    QLabel* file_label_;
    QPlainTextEdit* editor_;
    QComboBox* language_;
    QPushButton* show_;
    QPushButton* paste_;
    QLabel* error_;
    std::vector<std::string> listed_;
    std::string loaded_text_; // the source's text as last loaded into the editor
};

} // namespace stagehand::ui
