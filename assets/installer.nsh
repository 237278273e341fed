; Precinct Desk's NSIS additions (electron-builder.yml nsis.include). NSIS ships no Kyrgyz: the
; Kyrgyz language is added from assets/nsis/ (Kyrgyz.nlf for NSIS's own pages, Kyrgyz.nsh for the
; Modern UI, Kyrgyz-messages.nsh for electron-builder's messages) beside the Russian and English
; that electron-builder inserts, after them, so the language list offers ky, ru and en.

!macro customHeader
  !ifmacrodef MUI_LANGUAGEEX
    !insertmacro MUI_LANGUAGEEX "${BUILD_RESOURCES_DIR}\nsis" "Kyrgyz"
  !else
    ; An NSIS without MUI_LANGUAGEEX: what that macro does, written out.
    LoadLanguageFile "${BUILD_RESOURCES_DIR}\nsis\Kyrgyz.nlf"
    !insertmacro LANGFILE_INCLUDE_WITHDEFAULT "${BUILD_RESOURCES_DIR}\nsis\Kyrgyz.nsh" "${NSISDIR}\Contrib\Language files\English.nsh"
    !define /ifndef MUI_LANGDLL_LANGUAGES ""
    !define /redef MUI_LANGDLL_LANGUAGES `"${LANGFILE_Kyrgyz_LANGDLL}" "${LANG_Kyrgyz}" ${MUI_LANGDLL_LANGUAGES}`
    !define /ifndef MUI_LANGDLL_LANGUAGES_CP ""
    !define /redef MUI_LANGDLL_LANGUAGES_CP `"${LANGFILE_Kyrgyz_LANGDLL}" "${LANG_Kyrgyz}" "${LANG_Kyrgyz_CP}" ${MUI_LANGDLL_LANGUAGES_CP}`
  !endif
  !include "${BUILD_RESOURCES_DIR}\nsis\Kyrgyz-messages.nsh"
!macroend
