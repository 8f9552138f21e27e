;;; expect.el --- run after an init file that makes eglot start scratchvet -*- lexical-binding: t -*-
;; (the configuration of docs/editors.md): visits $GOFILE, waits for a
;; Flymake diagnostic whose text contains $EXPECT, and exits 0; exits 1 with
;; what it got CLIENT_DEADLINE_MS (default 240000) after it started.
;; Usage: emacs --batch -l init.el -l expect.el

(require 'eglot)
(require 'flymake)

(let* ((expect (getenv "EXPECT"))
       (start (float-time))
       (limit (string-to-number (or (getenv "CLIENT_DEADLINE_MS") "240000")))
       (deadline (+ start (/ (if (> limit 0) limit 240000) 1000.0)))
       found)
  (find-file (getenv "GOFILE"))
  (unless (derived-mode-p 'go-mode)
    (princ (format "eglot: %s is in %s, not go-mode\n" buffer-file-name major-mode))
    (kill-emacs 1))
  ;; eglot-ensure connects from post-command-hook, after the command that
  ;; visited the file; batch mode has no command loop to run it.
  (run-hooks 'post-command-hook)
  (while (and (not found) (< (float-time) deadline))
    (accept-process-output nil 0.2)
    (when (and (bound-and-true-p flymake-mode) (eglot-current-server))
      (flymake-start))
    (dolist (d (flymake-diagnostics))
      (when (string-match-p (regexp-quote expect) (flymake-diagnostic-text d))
        (setq found d))))
  (if (not found)
      (progn
        (princ (format "eglot [%.1f s]: no diagnostic containing %S by the deadline; server %S, got %S\n"
                       (- (float-time) start) expect
                       (eglot-current-server) (mapcar #'flymake-diagnostic-text (flymake-diagnostics))))
        (kill-emacs 1))
    (princ (format "eglot [%.1f s]: line %d: %s\n" (- (float-time) start)
                   (line-number-at-pos (flymake-diagnostic-beg found))
                   (flymake-diagnostic-text found)))
    (let ((server (eglot-current-server)))
      (when server (ignore-errors (eglot-shutdown server))))
    (kill-emacs 0)))
