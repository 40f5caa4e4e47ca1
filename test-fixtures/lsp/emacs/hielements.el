;; Hielements language server for .hie files with eglot (Emacs 29+ has it built in; Emacs 28: the elpa-eglot package).
(define-derived-mode hielements-mode prog-mode "Hielements"
  "Major mode for Hielements architecture files."
  (setq-local comment-start "# "))
(add-to-list 'auto-mode-alist '("\\.hie\\'" . hielements-mode))
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(hielements-mode "hielements" "lsp")))
(add-hook 'hielements-mode-hook #'eglot-ensure)
