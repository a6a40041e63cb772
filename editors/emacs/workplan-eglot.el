;;; workplan-eglot.el --- workplan language server through Eglot  -*- lexical-binding: t; -*-

;; Checks Chinese work plans and reports (工作要点、工作计划、工作报告) as you type: numbering,
;; counts, targets, numbers, units and punctuation, through the `workplan lsp' language server.
;;
;; Works with the Eglot that ships with Emacs 29+, and with Emacs 28 + Eglot 1.9 or newer
;; (Debian 12: `apt install emacs-nox elpa-eglot').  Put this file on your `load-path' and:
;;
;;   (require 'workplan-eglot)
;;
;; Plain-text (.txt) and Markdown (.md) files then start the server when opened.  Tested with
;; Emacs 28.2 + Eglot 1.9 by tests/e2e/emacs/check.el in the workplan repository.

;;; Code:

(require 'eglot)

(defgroup workplan nil
  "Checks for Chinese work plans through the workplan language server."
  :group 'tools
  :prefix "workplan-")

(defcustom workplan-program '("workplan" "lsp")
  "The command that runs the workplan language server, as a list of strings.
Use an absolute path if `workplan' is not on `exec-path'."
  :type '(repeat string))

(defcustom workplan-file-regexp "\\.\\(txt\\|md\\|markdown\\)\\'"
  "Files that start the server when opened in a text or Markdown mode."
  :type 'regexp)

(defcustom workplan-modes '(text-mode markdown-mode gfm-mode)
  "Major modes whose files (matching `workplan-file-regexp') workplan checks."
  :type '(repeat symbol))

;; Markdown first: markdown-mode derives from text-mode, and Eglot takes the first mode that
;; matches.  The server reads .md files as Markdown whatever the language id.
(add-to-list 'eglot-server-programs
             `(((markdown-mode :language-id "markdown")
                (gfm-mode :language-id "markdown")
                (text-mode :language-id "plaintext"))
               . ,(lambda (&optional _interactive) workplan-program)))

(defun workplan-eglot-maybe-start ()
  "Start Eglot with workplan in this buffer if it is a draft (see `workplan-modes')."
  (when (and buffer-file-name
             (memq major-mode workplan-modes)
             (string-match-p workplan-file-regexp buffer-file-name))
    (eglot-ensure)))

(add-hook 'text-mode-hook #'workplan-eglot-maybe-start)
(add-hook 'markdown-mode-hook #'workplan-eglot-maybe-start)

(provide 'workplan-eglot)
;;; workplan-eglot.el ends here
