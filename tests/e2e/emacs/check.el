;;; check.el --- end-to-end check of workplan through Emacs + Eglot  -*- lexical-binding: t; -*-

;; WORKPLAN_E2E_SERVER=BIN WORKPLAN_E2E_DRAFT=FILE WORKPLAN_E2E_OUT=OUT.json \
;; [WORKPLAN_E2E_HOVER=WORD] WORKPLAN_E2E_CONFIG_DIR=editors/emacs \
;;   emacs --batch -l tests/e2e/emacs/check.el
;;
;; (Not `-Q': Debian's site-start is what puts elpa-eglot on the load path.)
;;
;; Loads the shipped setup (editors/emacs/workplan-eglot.el) with `workplan-program' set to
;; BIN and `eglot-workspace-configuration' raising numbering.gap to an error, visits DRAFT (its folder is the project), lets the setup's hook start Eglot, waits for
;; the diagnostics to reach Flymake, asks for textDocument/documentSymbol, for a hover over
;; the first WORD (when given and advertised), then fixes the wrong marker `（二）、' → `（二）'
;; in the buffer and waits for Flymake to show the new diagnostics.  Writes OUT.json:
;;
;;   { "emacs_version", "eglot_version", "position_encoding" (what the server chose),
;;     "diagnostics": [ {line, col, end_line, end_col, code, type, text} ]   (Flymake's view;
;;        0-based lines, columns in characters, code parsed from Eglot's "source [code]: "),
;;     "symbols": <raw documentSymbol result>, "hover": null | {line, col, word, kind, text} |
;;     {skipped}, "diagnostics_after_edit": [...], "edit": {line, old_text, new_text},
;;     "publishes": [ {phase, file, version, count} ], "errors": [ "..." ] }
;;
;; Every wait is bounded.  Exit status 0 when no error was recorded, 1 otherwise.

;;; Code:

(require 'cl-lib)
(require 'json)
(require 'subr-x)
(require 'url-util)

(defconst check-wait-connect 15)
(defconst check-wait-diagnostics 15)
(defconst check-wait-request 10)
(defconst check-wait-after-edit 15)
(defconst check-bad-marker "（二）、")
(defconst check-good-marker "（二）")

(defvar check-errors nil)
(defvar check-out (list :diagnostics [] :symbols :null :hover :null :diagnostics_after_edit [] :publishes []))
(defvar check-publishes nil)
(defvar check-phase "open")

(defun check-env (name)
  (let ((v (getenv name)))
    (and v (not (string-empty-p v)) v)))

(defun check-fail (fmt &rest args)
  (let ((msg (apply #'format fmt args)))
    (push msg check-errors)
    (message "check.el: %s" msg)))

(defun check-put (key value)
  (setq check-out (plist-put check-out key value)))

(defun check-wait (seconds pred)
  "Run timers and process output until PRED is non-nil or SECONDS pass; return PRED's value."
  (let ((deadline (+ (float-time) seconds))
        (value nil))
    (while (and (not (setq value (funcall pred)))
                (< (float-time) deadline))
      (accept-process-output nil 0.05))
    value))

(defun check-diagnostics ()
  "Flymake's diagnostics in the current buffer, as plists sorted by position."
  (let (list)
    (dolist (d (flymake-diagnostics))
      (let* ((beg (flymake-diagnostic-beg d))
             (end (flymake-diagnostic-end d))
             (text (flymake-diagnostic-text d))
             (code (and (string-match "\\[\\([^]]+\\)\\]" text) (match-string 1 text))))
        ;; Columns in characters (`current-column' counts CJK characters twice).
        (push (list :line (1- (line-number-at-pos beg t))
                    :col (- beg (save-excursion (goto-char beg) (line-beginning-position)))
                    :end_line (1- (line-number-at-pos end t))
                    :end_col (- end (save-excursion (goto-char end) (line-beginning-position)))
                    :code (or code :null)
                    :type (symbol-name (flymake-diagnostic-type d))
                    :text text
                    :beg beg)
              list)))
    (mapcar (lambda (p) (cl-remf p :beg) p)
            (sort list (lambda (a b) (< (plist-get a :beg) (plist-get b :beg)))))))

(defun check-codes (diags)
  (mapcar (lambda (d) (plist-get d :code)) diags))

(defun check-record-publish (_server method &rest args)
  (when (eq method 'textDocument/publishDiagnostics)
    (push (list :phase check-phase
                :file (decode-coding-string
                       (url-unhex-string (file-name-nondirectory (or (plist-get args :uri) "")))
                       'utf-8)
                :version (or (plist-get args :version) :null)
                :count (length (plist-get args :diagnostics)))
          check-publishes)))

(defun check-request (server method params)
  "The result of METHOD, or nil after recording why there is none."
  (condition-case err
      (jsonrpc-request server method params :timeout check-wait-request)
    (error (check-fail "%s failed: %S" method err) nil)))

(defun check-main ()
  (let ((server-bin (check-env "WORKPLAN_E2E_SERVER"))
        (draft (check-env "WORKPLAN_E2E_DRAFT"))
        (config-dir (check-env "WORKPLAN_E2E_CONFIG_DIR"))
        (hover-word (check-env "WORKPLAN_E2E_HOVER")))
    (check-put :emacs_version emacs-version)
    (unless (and server-bin draft config-dir (check-env "WORKPLAN_E2E_OUT"))
      (error "Set WORKPLAN_E2E_SERVER, WORKPLAN_E2E_DRAFT, WORKPLAN_E2E_OUT and WORKPLAN_E2E_CONFIG_DIR"))
    (unless (file-executable-p server-bin)
      (error "Server binary is not executable: %s" server-bin))

    ;; The setup a user installs, pointed at the binary under test.
    (add-to-list 'load-path (expand-file-name config-dir))
    (require 'workplan-eglot)
    (setq workplan-program (list server-bin "lsp"))
    (check-put :eglot_version
               (or (ignore-errors
                     (package-version-join (pkg-info-package-version 'eglot)))
                   (and (boundp 'eglot-version) eglot-version)
                   (let ((lib (locate-library "eglot")))
                     (and lib (string-match "eglot-\\([0-9.]+\\)" lib) (match-string 1 lib)))
                   :null))
    (setq eglot-send-changes-idle-time 0.1
          eglot-sync-connect check-wait-connect
          eglot-autoshutdown nil
          flymake-no-changes-timeout 0.2)
    (advice-add 'eglot-handle-notification :before #'check-record-publish)
    ;; Settings as a user writes them (the README's form, which Eglot 1.9 and 29+ both take):
    ;; numbering.gap raised to an error, so that the round trip shows in Flymake.
    (setq-default eglot-workspace-configuration
                  '(:workplan (:rules (:numbering.gap "error") :rangeStyle "~")))

    ;; Visit the draft: text-mode's hook (the setup's) calls eglot-ensure, which connects
    ;; after the next command; in batch there are no commands, so run the hook once.
    (find-file (expand-file-name draft))
    (unless (eq major-mode 'text-mode)
      (check-fail "%s opened in %s, not text-mode" draft major-mode))
    (run-hooks 'post-command-hook)
    (let ((server (check-wait check-wait-connect #'eglot-current-server)))
      (unless server
        (error "Eglot did not connect to %s within %d s" server-bin check-wait-connect))
      (check-put :position_encoding
                 (or (plist-get (eglot--capabilities server) :positionEncoding) "utf-16"))

      ;; 1. Diagnostics, as Flymake has them, once the settings apply (the gap is an error).
      (let ((diags (check-wait check-wait-diagnostics
                               (lambda ()
                                 (let ((ds (check-diagnostics)))
                                   (or (and (cl-some (lambda (d)
                                                       (and (equal (plist-get d :code) "numbering.gap")
                                                            (equal (plist-get d :type) "eglot-error")))
                                                     ds)
                                            ds)
                                       (progn (when check-publishes (flymake-start nil t))
                                              nil)))))))
        (unless diags
          (check-fail (if check-publishes
                          "diagnostics were published (%d times) but within %d s Flymake shows no numbering.gap as an error (the settings raise it): %S"
                        "no textDocument/publishDiagnostics within %2$d s")
                      (length check-publishes) check-wait-diagnostics (check-diagnostics)))
        (check-put :diagnostics (vconcat (or diags (check-diagnostics)))))

      ;; 2. The outline.
      (if (not (eglot--server-capable :documentSymbolProvider))
          (check-fail "the server does not advertise documentSymbolProvider")
        (let ((symbols (check-request server :textDocument/documentSymbol
                                      (list :textDocument (eglot--TextDocumentIdentifier)))))
          (when symbols (check-put :symbols symbols))))

      ;; 2b. A hover over an indicator.
      (when hover-word
        (if (not (eglot--server-capable :hoverProvider))
            (check-put :hover (list :skipped "the server does not advertise hoverProvider"))
          (goto-char (point-min))
          (if (not (search-forward hover-word nil t))
              (check-fail "no %s in the draft" hover-word)
            (goto-char (match-beginning 0))
            (let* ((line (1- (line-number-at-pos nil t)))
                   (col (- (point) (line-beginning-position)))
                   (result (check-request server :textDocument/hover (eglot--TextDocumentPositionParams)))
                   (contents (and result (plist-get result :contents))))
              (cond
               ((null result) (check-fail "textDocument/hover returned null over %s" hover-word))
               ((and (listp contents) (plist-get contents :kind))
                (check-put :hover (list :line line :col col :word hover-word
                                        :kind (plist-get contents :kind)
                                        :text (plist-get contents :value)
                                        :range (or (plist-get result :range) :null))))
               (t (check-put :hover (list :line line :col col :word hover-word :kind "MarkedString"
                                          :text (format "%S" contents)))))))))

      ;; 3. Fix the wrong marker and wait for Flymake to drop its finding.
      (goto-char (point-min))
      (if (not (re-search-forward (concat "^" (regexp-quote check-bad-marker)) nil t))
          (check-fail "no line starts with %s" check-bad-marker)
        (let ((line (1- (line-number-at-pos nil t)))
              (before (length check-publishes)))
          (check-put :edit (list :line line :old_text check-bad-marker :new_text check-good-marker))
          (setq check-phase "edit")
          (replace-match check-good-marker t t)
          ;; Eglot sends didChange from an idle timer, and batch Emacs is never idle: do what
          ;; the timer does.
          (eglot--signal-textDocument/didChange)
          (let ((ok (check-wait check-wait-after-edit
                                (lambda ()
                                  (and (> (length check-publishes) before)
                                       (not (member "numbering.marker-style" (check-codes (check-diagnostics))))
                                       (progn (flymake-start nil t) t))))))
            ;; Let Flymake settle on the last report.
            (check-wait 0.5 (lambda () nil))
            (unless ok
              (check-fail "after the edit, no new diagnostics without numbering.marker-style within %d s (publishes: %S)"
                          check-wait-after-edit (reverse check-publishes)))
            (check-put :diagnostics_after_edit (vconcat (check-diagnostics))))))

      ;; 4. Shut down.
      (setq check-phase "shutdown")
      (condition-case err
          (eglot-shutdown server nil 5)
        (error (check-fail "eglot-shutdown: %S" err)))
      (set-buffer-modified-p nil))))

(defun check-write ()
  (check-put :publishes (vconcat (reverse check-publishes)))
  (check-put :errors (vconcat (reverse check-errors)))
  (let ((out (check-env "WORKPLAN_E2E_OUT"))
        (coding-system-for-write 'utf-8-unix))
    (when out
      (with-temp-file out
        (insert (condition-case err
                    (json-serialize check-out :null-object :null :false-object :false)
                  (error
                   (push (format "cannot encode the results: %S" err) check-errors)
                   (json-serialize (list :errors (vconcat (reverse check-errors))))))
                "\n")))))

(condition-case err
    (check-main)
  (error (check-fail "%s" (error-message-string err))))
(check-write)
(kill-emacs (if check-errors 1 0))

;;; check.el ends here
