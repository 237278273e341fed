;Language: Kyrgyz (1088)
;Precinct Desk's installer: NSIS ships no Kyrgyz. The Modern UI's strings, each under the
;condition NSIS's Russian.nsh puts it under (tests/unit/electron/installer-kyrgyz.test.ts).

!insertmacro LANGFILE "Kyrgyz" = "Кыргызча" "Kyrgyzcha"

!ifdef MUI_WELCOMEPAGE
  ${LangFileString} MUI_TEXT_WELCOME_INFO_TITLE "$(^NameDA) орнотуу чебери сизди куттуктайт"
  ${LangFileString} MUI_TEXT_WELCOME_INFO_TEXT "Бул программа $(^NameDA) сиздин компьютериңизге орнотот.$\r$\n$\r$\nОрнотууну баштоодон мурун иштеп жаткан бардык программаларды жабуу сунушталат. Ошондо орнотуу программасы системалык файлдарды компьютерди кайра жүктөбөй жаңырта алат.$\r$\n$\r$\n$_CLICK"
!endif

!ifdef MUI_UNWELCOMEPAGE
  ${LangFileString} MUI_UNTEXT_WELCOME_INFO_TITLE "$(^NameDA) өчүрүү чебери сизди куттуктайт"
  ${LangFileString} MUI_UNTEXT_WELCOME_INFO_TEXT "Бул программа $(^NameDA) сиздин компьютериңизден өчүрөт.$\r$\n$\r$\nӨчүрүүнү баштоодон мурун $(^NameDA) иштеп жатпаганын текшериңиз.$\r$\n$\r$\n$_CLICK"
!endif

!ifdef MUI_LICENSEPAGE
  ${LangFileString} MUI_TEXT_LICENSE_TITLE "Лицензиялык келишим"
  ${LangFileString} MUI_TEXT_LICENSE_SUBTITLE "$(^NameDA) орнотуудан мурун лицензиялык келишим менен таанышыңыз."
  ${LangFileString} MUI_INNERTEXT_LICENSE_BOTTOM "Келишимдин шарттарын кабыл алсаңыз, $\"Кабыл алам$\" баскычын басыңыз. Программаны орнотуу үчүн келишимди кабыл алуу керек."
  ${LangFileString} MUI_INNERTEXT_LICENSE_BOTTOM_CHECKBOX "Келишимдин шарттарын кабыл алсаңыз, төмөнкү белгини коюңуз. Программаны орнотуу үчүн келишимди кабыл алуу керек. $_CLICK"
  ${LangFileString} MUI_INNERTEXT_LICENSE_BOTTOM_RADIOBUTTONS "Келишимдин шарттарын кабыл алсаңыз, төмөндөгү биринчи вариантты тандаңыз. Программаны орнотуу үчүн келишимди кабыл алуу керек. $_CLICK"
!endif

!ifdef MUI_UNLICENSEPAGE
  ${LangFileString} MUI_UNTEXT_LICENSE_TITLE "Лицензиялык келишим"
  ${LangFileString} MUI_UNTEXT_LICENSE_SUBTITLE "$(^NameDA) өчүрүүдөн мурун лицензиялык келишим менен таанышыңыз."
  ${LangFileString} MUI_UNINNERTEXT_LICENSE_BOTTOM "Келишимдин шарттарын кабыл алсаңыз, $\"Кабыл алам$\" баскычын басыңыз. Өчүрүү үчүн келишимди кабыл алуу керек. $_CLICK"
  ${LangFileString} MUI_UNINNERTEXT_LICENSE_BOTTOM_CHECKBOX "Келишимдин шарттарын кабыл алсаңыз, төмөнкү белгини коюңуз. Өчүрүү үчүн келишимди кабыл алуу керек. $_CLICK"
  ${LangFileString} MUI_UNINNERTEXT_LICENSE_BOTTOM_RADIOBUTTONS "Келишимдин шарттарын кабыл алсаңыз, төмөндөгү биринчи вариантты тандаңыз. Өчүрүү үчүн келишимди кабыл алуу керек. $_CLICK"
!endif

!ifdef MUI_LICENSEPAGE | MUI_UNLICENSEPAGE
  ${LangFileString} MUI_INNERTEXT_LICENSE_TOP "Текстти жылдыруу үчүн $\"PageUp$\" жана $\"PageDown$\" баскычтарын колдонуңуз."
!endif

!ifdef MUI_COMPONENTSPAGE
  ${LangFileString} MUI_TEXT_COMPONENTS_TITLE "Программанын бөлүктөрү"
  ${LangFileString} MUI_TEXT_COMPONENTS_SUBTITLE "$(^NameDA) программасынын орнотула турган бөлүктөрүн тандаңыз."
!endif

!ifdef MUI_UNCOMPONENTSPAGE
  ${LangFileString} MUI_UNTEXT_COMPONENTS_TITLE "Программанын бөлүктөрү"
  ${LangFileString} MUI_UNTEXT_COMPONENTS_SUBTITLE "$(^NameDA) программасынын өчүрүлө турган бөлүктөрүн тандаңыз."
!endif

!ifdef MUI_COMPONENTSPAGE | MUI_UNCOMPONENTSPAGE
  ${LangFileString} MUI_INNERTEXT_COMPONENTS_DESCRIPTION_TITLE "Сүрөттөмө"
  !ifndef NSIS_CONFIG_COMPONENTPAGE_ALTERNATIVE
    ${LangFileString} MUI_INNERTEXT_COMPONENTS_DESCRIPTION_INFO "Бөлүктүн сүрөттөмөсүн окуу үчүн чычканды анын аталышына алып келиңиз."
  !else
    ${LangFileString} MUI_INNERTEXT_COMPONENTS_DESCRIPTION_INFO "Сүрөттөмөсүн көрүү үчүн бөлүктү тандаңыз."
  !endif
!endif

!ifdef MUI_DIRECTORYPAGE
  ${LangFileString} MUI_TEXT_DIRECTORY_TITLE "Орнотуу папкасын тандоо"
  ${LangFileString} MUI_TEXT_DIRECTORY_SUBTITLE "$(^NameDA) орнотула турган папканы тандаңыз."
!endif

!ifdef MUI_UNDIRECTORYPAGE
  ${LangFileString} MUI_UNTEXT_DIRECTORY_TITLE "Өчүрүлө турган папканы тандоо"
  ${LangFileString} MUI_UNTEXT_DIRECTORY_SUBTITLE "$(^NameDA) өчүрүлө турган папканы көрсөтүңүз."
!endif

!ifdef MUI_INSTFILESPAGE
  ${LangFileString} MUI_TEXT_INSTALLING_TITLE "Файлдар көчүрүлүүдө"
  ${LangFileString} MUI_TEXT_INSTALLING_SUBTITLE "Күтө туруңуз, $(^NameDA) файлдары көчүрүлүүдө..."
  ${LangFileString} MUI_TEXT_FINISH_TITLE "Орнотуу аяктады"
  ${LangFileString} MUI_TEXT_FINISH_SUBTITLE "Орнотуу ийгиликтүү аяктады."
  ${LangFileString} MUI_TEXT_ABORT_TITLE "Орнотуу токтотулду"
  ${LangFileString} MUI_TEXT_ABORT_SUBTITLE "Орнотуу аягына чыккан жок."
!endif

!ifdef MUI_UNINSTFILESPAGE
  ${LangFileString} MUI_UNTEXT_UNINSTALLING_TITLE "Өчүрүү"
  ${LangFileString} MUI_UNTEXT_UNINSTALLING_SUBTITLE "Күтө туруңуз, $(^NameDA) файлдары өчүрүлүүдө..."
  ${LangFileString} MUI_UNTEXT_FINISH_TITLE "Өчүрүү аяктады"
  ${LangFileString} MUI_UNTEXT_FINISH_SUBTITLE "Программа ийгиликтүү өчүрүлдү."
  ${LangFileString} MUI_UNTEXT_ABORT_TITLE "Өчүрүү токтотулду"
  ${LangFileString} MUI_UNTEXT_ABORT_SUBTITLE "Өчүрүү аягына чыккан жок."
!endif

!ifdef MUI_FINISHPAGE
  ${LangFileString} MUI_TEXT_FINISH_INFO_TITLE "$(^NameDA) орнотуу чеберинин ишин аяктоо"
  ${LangFileString} MUI_TEXT_FINISH_INFO_TEXT "$(^NameDA) орнотулду.$\r$\n$\r$\nОрнотуу программасынан чыгуу үчүн $\"Даяр$\" баскычын басыңыз."
  ${LangFileString} MUI_TEXT_FINISH_INFO_REBOOT "$(^NameDA) орнотуусун аяктоо үчүн компьютерди кайра жүктөө керек. Азыр кайра жүктөйсүзбү?"
!endif

!ifdef MUI_UNFINISHPAGE
  ${LangFileString} MUI_UNTEXT_FINISH_INFO_TITLE "$(^NameDA) өчүрүү чеберинин ишин аяктоо"
  ${LangFileString} MUI_UNTEXT_FINISH_INFO_TEXT "$(^NameDA) компьютериңизден өчүрүлдү.$\r$\n$\r$\nӨчүрүү программасынан чыгуу үчүн $\"Даяр$\" баскычын басыңыз."
  ${LangFileString} MUI_UNTEXT_FINISH_INFO_REBOOT "$(^NameDA) өчүрүүнү аяктоо үчүн компьютерди кайра жүктөө керек. Азыр кайра жүктөйсүзбү?"
!endif

!ifdef MUI_FINISHPAGE | MUI_UNFINISHPAGE
  ${LangFileString} MUI_TEXT_FINISH_REBOOTNOW "Ооба, компьютерди азыр кайра жүктөө"
  ${LangFileString} MUI_TEXT_FINISH_REBOOTLATER "Жок, кийинчерээк өзүм кайра жүктөйм"
  ${LangFileString} MUI_TEXT_FINISH_RUN "$(^NameDA) &иштетүү"
  ${LangFileString} MUI_TEXT_FINISH_SHOWREADME "ReadMe файлын &көрсөтүү"
  ${LangFileString} MUI_BUTTONTEXT_FINISH "&Даяр"
!endif

!ifdef MUI_STARTMENUPAGE
  ${LangFileString} MUI_TEXT_STARTMENU_TITLE "$\"Баштоо$\" менюсундагы папка"
  ${LangFileString} MUI_TEXT_STARTMENU_SUBTITLE "Программанын энбелгилери үчүн $\"Баштоо$\" менюсунан папка тандаңыз."
  ${LangFileString} MUI_INNERTEXT_STARTMENU_TOP "Программанын энбелгилери коюла турган $\"Баштоо$\" менюсундагы папканы тандаңыз. Папканын башка атын да жазсаңыз болот."
  ${LangFileString} MUI_INNERTEXT_STARTMENU_CHECKBOX "Энбелгилерди түзбөө"
!endif

!ifdef MUI_UNCONFIRMPAGE
  ${LangFileString} MUI_UNTEXT_CONFIRM_TITLE "$(^NameDA) өчүрүү"
  ${LangFileString} MUI_UNTEXT_CONFIRM_SUBTITLE "$(^NameDA) компьютерден өчүрүү."
!endif

!ifdef MUI_ABORTWARNING
  ${LangFileString} MUI_TEXT_ABORTWARNING "$(^Name) орнотуусун чын эле токтотосузбу?"
!endif

!ifdef MUI_UNABORTWARNING
  ${LangFileString} MUI_UNTEXT_ABORTWARNING "$(^Name) өчүрүүнү чын эле токтотосузбу?"
!endif

!ifdef MULTIUSER_INSTALLMODEPAGE
  ${LangFileString} MULTIUSER_TEXT_INSTALLMODE_TITLE "Орнотуу режими"
  ${LangFileString} MULTIUSER_TEXT_INSTALLMODE_SUBTITLE "$(^NameDA) кайсы колдонуучулар үчүн орнотуларын тандаңыз."
  ${LangFileString} MULTIUSER_INNERTEXT_INSTALLMODE_TOP "$(^NameDA) өзүңүз үчүн гана же бул компьютердин бардык колдонуучулары үчүн орнотуларын тандаңыз. $(^ClickNext)"
  ${LangFileString} MULTIUSER_INNERTEXT_INSTALLMODE_ALLUSERS "Бардык колдонуучулар үчүн орнотуу"
  ${LangFileString} MULTIUSER_INNERTEXT_INSTALLMODE_CURRENTUSER "Учурдагы колдонуучу үчүн гана орнотуу"
!endif
