import CaseCore

/// Every string of the interface, in bokmål and English: one table, so a missing translation
/// is a compile error (the switch must be exhaustive). Placeholders: %n, %i, %e, %k, %c, %y, %w, %h, %mw, %mh, %m, %id.
public enum Txt: CaseIterable, Sendable {
    // tabs and screens
    case tabChains, tabExcerpts, tabCodebook, tabContext, tabQuestions, tabAttention, tabSurvey
    case tabQuestionsShort, tabAttentionShort, tabSurveyShort, tabReports
    case screenNode, screenReader, screenFilter, screenPrompt, helpTitle, globalKeys, commandsHeading
    // status hints
    case hintMove, hintOpen, hintPane, hintCounty, hintChain, hintHelp, hintQuit, hintSearch, hintNextPrev, hintScroll
    case hintFilter, hintHits, hintTabs, hintValue, hintClose, hintPromptEnter, hintPromptCancel, hintPromptFold
    // help texts
    case helpDown, helpUp, helpPageDown, helpPageUp, helpTop, helpBottom, helpHelp, helpCommand, helpSearch
    case helpHalfPageDown, helpHalfPageUp
    case helpShowChains, helpShowExcerpts, helpShowCodebook, helpShowContext, helpBack, helpQuit, helpQuitNow
    case helpChainDown, helpChainUp, helpToParent, helpToChild, helpOpenNode, helpSwitchPane, helpSelectCounty
    case helpNextCounty, helpNextChain, helpPreviousChain, helpCountyExcerpts, helpOpenExcerpt, helpNodeParent
    case helpNextExcerpt, helpPreviousExcerpt, helpScrollDown, helpScrollUp, helpFilter, helpClearFilter
    case helpNextHit, helpPreviousHit, helpToggleFold, helpClearSearch, helpOpenCode, helpNextTab, helpPreviousTab
    case helpFilterDown, helpFilterUp, helpNextValue, helpPreviousValue, helpClearValue, helpCloseFilter, helpCloseHelp
    case helpPromptEnter, helpPromptCancel, helpPromptFold
    // chain view
    case countiesAndChains, nodeCounts, fundsIn, chainExcerpts, besideChain, levelShort, levelLong
    // node and reader
    case fieldKind, fieldPath, fieldChain, fieldDescription, fieldNote, fieldEvidence, fieldAttribution, fieldWhy
    case fieldSpeaker, fieldSection, fieldPage, fieldLines, fieldAlsoAt, fieldCodes, wholeCounty, linesShort
    case informants, noInformants, surveyForKind, excerptsHeading, noExcerptsForActor, excerptPosition
    case kindInterviewBlock, kindInterviewInline, kindSurvey, kindDocument, partial, pageUnknown
    case confidenceStated, confidenceInferred, confidenceUnknown, notAttributed
    // list, filter, search
    case filterLabel, filterNone, filterAny, countOf, searchLabel, hitsCount, noExcerptsMatch
    case filterCounty, filterChain, filterLevel, filterKind, filterRole, filterCode, filterQuestion, filterConfidence
    case foldOn, foldOff, foldOnShort, foldOffShort, noSearch, searchWrapped, searching
    // codebook and context
    case excerptsServing, codeQuestionsLink, discussedIn
    case fieldTitle, fieldAuthors, fieldYear, fieldISBN, fieldPublisher, fieldScope, fieldSource
    case findingsHeading, referencesHeading, sameOnPage, attentionPointLink, noRelatedReports, theReport
    // messages
    case tooSmall, unknownKey, unknownCommand, noCounties, noSuchCounty, noSuchId, noSuchLanguage, firstExcerpt
    case lastExcerpt
    // review
    case screenReview, screenPicker, screenMemo
    case hintPins, hintPick, hintAccept, hintReviewed, hintMemo, hintUndo, hintApply, hintPin, hintSave, hintCancel
    case helpStartReview, helpTogglePin, helpToggleCode, helpCodeDown, helpCodeUp, helpPickCode, helpAcceptProposed
    case helpMarkReviewed, helpMarkDisputed, helpMarkDiscuss, helpMemo, helpCodeMemo, helpUndo, helpRedo
    case helpNextInQueue, helpPreviousInQueue, helpNextUnreviewed, helpPreviousUnreviewed, helpScrollTextDown,
        helpScrollTextUp
    case helpPickerApply, helpPickerPin, helpPickerClose, helpMemoSave, helpMemoCancel
    case savedAs, undone, redone, readOnlyNothingSaved, noPin, noCodeRow, nothingToAccept, nothingToUndo, nothingToRedo
    case allReviewed, noCodeMatches, pinned, memoUnchanged, memoDiscarded
    case memoUnsavedAsk, memoUnsavedTooSmall, tooSmallNothingDone, tooSmallHelp, pinsFull, unpinned, resolutionStale,
        staleCount
    case reviewProgress, reviewCoder, reviewReadOnly, statusWord, codesHeading, pinsHeading, memoHeading, codeMemoFor
    case statusUnreviewed, statusReviewed, statusDisputed, statusDiscuss, noCodesYet, pickerTitle, memoTitle
    case reviewOpened, reviewOpenedReadOnly, journalDamaged
    // matrices
    case tabMatrix, helpShowMatrix, helpMatrixDown, helpMatrixUp, helpMatrixRight, helpMatrixLeft, helpMatrixOpen,
        helpMatrixCoder
    case screenResolve, helpTakeA, helpTakeB, helpTakeUnion, helpResolveEdit, helpResolveDone, helpResolveMemo,
        helpNextUnresolved, helpPreviousUnresolved
    case hintTakeA, hintTakeB, hintUnion, hintEdit, allResolved, resolveProgress, resolveWho, onlyA, onlyB, both,
        consensusLine, notResolved, memoOf, noDisagreements, resolveOpened
    case helpExport, helpChoiceCancel, exportTitle, exportQDPX, exportQDC, exportCSVExcerpts, exportCSVCodebook,
        exportMarkdown
    case exportFilePrompt, exportReplace, exportWrote, exportCancelled, screenChoice, exportWriting, exportBusy
    case withSubcodes, codingReport, codingOf, filterCoding, codebookCounts, helpCycleCoding, noOtherCoding, codingNow,
        codebookOwn, codebookAll
    case matrixUnplaced, matrixLevel1, matrixLevel2, matrixLevel3, matrixLevel4, surveyTable
    case cameIn, cameInDecisions, cameInMemos, resolutionConflict
    case matrixCooccurrence, matrixByCounty, matrixByChain, matrixByLevel, matrixByKind, matrixCoder, matrixCell,
        matrixEmpty, matrixBuilding
    // agreement
    case screenAgreement, helpShowAgreement, helpAgreementOpen, helpAgreementResolve, helpAgreementSort,
        helpAgreementCoderA, helpAgreementCoderB
    case hintAgreementResolve, hintAgreementSort, hintAgreementCoder, agreementNoCoders, agreementHeading,
        agreementPooled, agreementSorted
    case agreementSortDisagreements, agreementSortCode, agreementCode, agreementNoCodes, agreementRare, agreementParadox
    case unattributedOfKind, notAttributedMark, demoPaused, enterLists, helpOpenQuestion
    case agreementRareExplained, agreementParadoxExplained, agreementRowHint, agreementNothingToOpen,
        agreementFilterLabel, agreementBuilding
    // help from the bindings in effect: typing, commands, export, the demo
    case typedCharacters, helpTypeFilter, helpTypeSearch, helpDeleteBack, helpClearText, helpMemoType, helpMemoNewline
    case helpMemoDelete, helpMemoMove, helpOverwriteYes, helpOverwriteNo, screenConfirm, shadowedHere
    case commandCounty, commandChain, commandActor, commandExcerpt, commandCode, commandSearch, commandLang,
        commandHelp, commandQuit
    case helpDemoPause, helpDemoNext, helpDemoPrevious, helpDemoQuit, hintDemoPause, hintDemoStep, hintDemoQuit
    // review's queue, pickers, the help's search, the command line's completion, resolve's undo
    case helpReviewedNext, hintReviewedNext, helpQueueView, helpGoToExcerpt, queueViewNow, queueViewLabel, queueAll
    case queueUnreviewed, queueDisputed, queueDiscuss, noLaterInView, noEarlierInView, codesLeaveStatus
    case reviewBreakdown, reviewBreakdownShort, goToTitle, noExcerptMatches, helpRepaint, helpPickerChoose, hintChoose
    case helpChooseValue, helpSearchHelp, helpNextHelpHit, helpPreviousHelpHit, noHelpMatches, helpComplete
    case hintComplete, noValueMatches, typeToNarrow, resolutionMemo, helpResolveUndo
    case kindStatsforvalter, kindSamarbeidsforum, kindFagutvalg, kindKommune, kindPPT, kindSkole, kindBarnehage
    case kindUH, kindStatped, kindArbeidsgruppe, kindSpesped
    // the background load of a large study
    case loadingRead, loadingIndexing, loadingJournals, loadingSeconds, loadingKeysWait, loadingMouse
    case loadingReadShort, loadingIndexingShort, loadingJournalsShort

    public func text(_ language: Language) -> String {
        let (nb, en) = pair
        return language == .nb ? nb : en
    }

    /// The text with `%n` replaced by a count, in the singular form when the count is one.
    public func text(_ language: Language, count n: Int) -> String {
        let (nb, en) = n == 1 ? (singular ?? pair) : pair
        return (language == .nb ? nb : en).replacingOccurrences(of: "%n", with: NumberText.grouped(n, language))
    }

    /// Singular forms of the texts whose `%n` counts something (nil: the same in both).
    private var singular: (String, String)? {
        switch self {
        case .hitsCount: return ("%n treff", "%n hit")
        case .loadingKeysWait: return ("%n tast venter", "%n key waits")
        case .excerptsServing:
            return ("%n utdrag belyser denne (datasettets kobling)", "%n excerpt bears on it (the dataset's link)")
        case .matrixCell: return ("%r × %c: %n utdrag", "%r × %c: %n excerpt")
        case .resolveOpened: return ("%n uenighet mellom %a og %b.", "%n disagreement between %a and %b.")
        case .reviewOpened: return ("Gjennomgang av %n utdrag som %c.", "Reviewing %n excerpt as %c.")
        case .noExcerptsForActor:
            return (
                "Ingen utdrag er knyttet til denne aktøren. %n utdrag er knyttet til fylket uten aktør (tast c, så u).",
                "No excerpt is attributed to this actor. %n excerpt is attributed to the county without an actor "
                    + "(press c, then u)."
            )
        case .linesShort: return ("linje", "line")
        case .unattributedOfKind:
            return (
                "Sagt av en %k-informant som rapporten ikke knytter til noen aktør (%n utdrag)",
                "Said by a %k informant the report ties to no actor (%n excerpt)"
            )
        case .agreementRowHint:
            return (
                "%c: %n utdrag der én koder har koden og den andre ikke · Enter viser det · r løser det",
                "%c: %n excerpt where one coder has the code and the other not · Enter lists it · r resolves it"
            )
        case .referencesHeading:
            return ("Der rapporten viser til den (%n sted)", "Where the report refers to it (%n place)")
        case .cameInDecisions: return ("%n ny beslutning", "%n new decision")
        case .cameInMemos: return ("%n notat", "%n memo")
        default: return nil
        }
    }

    private var pair: (String, String) {
        switch self {
        case .tabChains: return ("Kjeder", "Chains")
        case .loadingRead: return ("Leser utdragene: %r av %m", "Loading the excerpts: %r of %m")
        case .loadingIndexing:
            return ("Leser utdragene: %m lest, bygger oppslag", "Loading the excerpts: %m read, indexing")
        case .loadingJournals: return ("Leser kodernes journaler", "Loading the coders' journals")
        case .loadingReadShort: return ("Leser %r/%m", "Loading %r/%m")
        case .loadingIndexingShort: return ("Bygger oppslag", "Indexing")
        case .loadingJournalsShort: return ("Leser journaler", "Loading journals")
        case .loadingSeconds: return ("%s s", "%s s")
        case .loadingKeysWait: return ("%n taster venter", "%n keys wait")
        case .loadingMouse: return ("Musa virker når de er lest.", "The mouse works once they are in.")
        case .tabExcerpts: return ("Utdrag", "Excerpts")
        case .tabCodebook: return ("Kodebok", "Codebook")
        case .tabContext: return ("Kontekst", "Context")
        case .tabQuestions: return ("Problemstillinger", "Research questions")
        case .tabAttention: return ("Oppmerksomhetspunkter", "Attention points")
        case .tabSurvey: return ("Spørreundersøkelsen", "Survey")
        case .tabQuestionsShort: return ("Spørsmål", "Questions")
        case .tabAttentionShort: return ("Punkter", "Points")
        case .tabSurveyShort: return ("Tabeller", "Tables")
        case .tabReports: return ("Andre rapporter", "Other reports")
        case .fieldTitle: return ("Tittel", "Title")
        case .fieldAuthors: return ("Forfattere", "Authors")
        case .fieldYear: return ("År", "Year")
        case .fieldISBN: return ("ISBN", "ISBN")
        case .fieldPublisher: return ("Utgiver", "Publisher")
        case .fieldScope: return ("Tema", "Topic")
        case .fieldSource: return ("Kilde", "Source")
        case .findingsHeading: return ("Hovedfunn, slik %s gjengir dem", "Main findings, as %s gives them")
        case .referencesHeading:
            return ("Der rapporten viser til den (%n steder)", "Where the report refers to it (%n places)")
        case .sameOnPage: return ("Det samme i %s", "The same in %s")
        case .attentionPointLink: return ("Her kommer oppmerksomhetspunkt %s fra", "The origin of attention point %s")
        case .noRelatedReports: return ("Datasettet har ingen andre rapporter.", "The dataset holds no other reports.")
        case .theReport: return ("rapporten", "the report")
        case .screenNode: return ("Aktør", "Actor")
        case .screenReader: return ("Utdrag", "Excerpt")
        case .screenFilter: return ("Filter", "Filter")
        case .screenPrompt: return ("Søk og kommandoer", "Search and commands")
        case .helpTitle: return ("Hjelp — taster", "Help — keys")
        case .globalKeys: return ("Overalt", "Everywhere")
        case .commandsHeading: return ("Kommandoer etter :", "Commands after :")
        case .hintMove: return ("flytt", "move")
        case .hintOpen: return ("åpne", "open")
        case .hintPane: return ("rute", "pane")
        case .hintCounty: return ("neste fylke", "next county")
        case .hintChain: return ("neste kjede", "next chain")
        case .hintHelp: return ("hjelp", "help")
        case .hintQuit: return ("avslutt", "quit")
        case .hintSearch: return ("søk", "search")
        case .hintNextPrev: return ("neste", "next")
        case .hintScroll: return ("rull", "scroll")
        case .hintFilter: return ("filter", "filter")
        case .hintHits: return ("neste treff", "next hit")
        case .hintTabs: return ("fane", "tab")
        case .hintValue: return ("verdi", "value")
        case .hintClose: return ("lukk", "close")
        case .hintPromptEnter: return ("bekreft", "confirm")
        case .hintPromptCancel: return ("avbryt", "cancel")
        case .hintPromptFold: return ("ø=o av/på", "fold ø=o")
        case .helpDown: return ("ned", "down")
        case .helpUp: return ("opp", "up")
        case .helpPageDown: return ("en side ned", "page down")
        case .helpPageUp: return ("en side opp", "page up")
        case .helpHalfPageDown: return ("en halv side ned", "half a page down")
        case .helpHalfPageUp: return ("en halv side opp", "half a page up")
        case .helpTop: return ("til toppen", "to the top")
        case .helpBottom: return ("til bunnen", "to the bottom")
        case .helpHelp: return ("vis alle taster", "show all keys")
        case .helpCommand:
            return (
                "kommandolinje (:county 2, :excerpt ID, :code ID, :q)",
                "command line (:county 2, :excerpt ID, :code ID, :q)"
            )
        case .helpSearch: return ("søk i utdragene mens du skriver", "search the excerpts as you type")
        case .helpShowChains: return ("kjedene (startskjermen)", "the chains (home screen)")
        case .helpShowExcerpts: return ("alle utdrag med filter", "all excerpts with filters")
        case .helpShowCodebook: return ("kodeboken", "the codebook")
        case .helpShowContext:
            return (
                "problemstillinger, oppmerksomhetspunkter og spørreundersøkelsen",
                "research questions, attention points and the survey"
            )
        case .helpBack: return ("tilbake", "back")
        case .helpQuit:
            return (
                "tilbake; avslutt fra startskjermen (og fra case-explorer review)",
                "back; quit from the home screen (and from case-explorer review)"
            )
        case .helpQuitNow: return ("avslutt med en gang", "quit at once")
        case .helpChainDown:
            return (
                "neste aktør i kjeden (eller neste kjede i venstre rute)",
                "next actor in the chain (or next chain in the left pane)"
            )
        case .helpChainUp: return ("forrige aktør (eller forrige kjede)", "previous actor (or previous chain)")
        case .helpToParent:
            return ("opp i tilskuddskjeden (til aktøren over)", "up the grant chain (to the actor above)")
        case .helpToChild:
            return ("ned i tilskuddskjeden (til første aktør under)", "down the grant chain (to the first actor below)")
        case .helpOpenNode:
            return (
                "åpne aktøren: beskrivelse, informanter, utdrag", "open the actor: description, informants, excerpts"
            )
        case .helpSwitchPane:
            return ("bytt mellom fylkeslisten og kjeden", "switch between the county list and the chain")
        case .helpSelectCounty: return ("gå til casefylke 1, 2, 3 …", "go to case county 1, 2, 3 …")
        case .helpNextCounty: return ("neste casefylke", "next case county")
        case .helpNextChain: return ("neste kjede", "next chain")
        case .helpPreviousChain: return ("forrige kjede", "previous chain")
        case .helpCountyExcerpts:
            return ("utdragene som er knyttet til fylket", "the excerpts attributed to the county")
        case .helpOpenExcerpt: return ("les utdraget", "read the excerpt")
        case .helpNodeParent: return ("aktøren over i kjeden", "the actor above in the chain")
        case .helpNextExcerpt: return ("neste utdrag i listen", "next excerpt of the list")
        case .helpPreviousExcerpt: return ("forrige utdrag i listen", "previous excerpt of the list")
        case .helpScrollDown: return ("rull ned", "scroll down")
        case .helpScrollUp: return ("rull opp", "scroll up")
        case .helpFilter:
            return (
                "filtrer på fylke, kjede, nivå, aktørtype, rolle, kode, problemstilling, sikkerhet",
                "filter by county, chain, level, actor kind, role, code, research question, confidence"
            )
        case .helpClearFilter: return ("fjern hele filteret", "clear the whole filter")
        case .helpNextHit: return ("neste søketreff", "next search hit")
        case .helpPreviousHit: return ("forrige søketreff", "previous search hit")
        case .helpToggleFold:
            return ("la o finne ø, a finne å, ae finne æ (av/på)", "let o find ø, a find å, ae find æ (on/off)")
        case .helpClearSearch: return ("fjern søket", "clear the search")
        case .helpOpenCode: return ("utdragene med denne koden", "the excerpts with this code")
        case .helpNextTab: return ("neste fane", "next tab")
        case .helpPreviousTab: return ("forrige fane", "previous tab")
        case .helpFilterDown: return ("neste filter", "next filter")
        case .helpFilterUp: return ("forrige filter", "previous filter")
        case .helpNextValue: return ("neste verdi", "next value")
        case .helpPreviousValue: return ("forrige verdi", "previous value")
        case .helpClearValue: return ("fjern dette filteret", "clear this filter")
        case .helpCloseFilter: return ("lukk filteret", "close the filter")
        case .helpCloseHelp: return ("lukk hjelpen", "close the help")
        case .helpPromptEnter: return ("bekreft", "confirm")
        case .helpPromptCancel: return ("avbryt og gjenopprett", "cancel and restore")
        case .helpPromptFold: return ("la o finne ø, a finne å (av/på)", "let o find ø, a find å (on/off)")
        case .countiesAndChains: return ("Casefylker og kjeder", "Case counties and chains")
        case .nodeCounts: return ("%i inf. · %e utdr.", "%i inf. · %e exc.")
        case .fundsIn: return ("midler i %y", "funds in %y")
        case .chainExcerpts:
            return (
                "Utdrag: %c knyttet til fylket, %k til kjeden", "Excerpts: %c attributed to the county, %k to the chain"
            )
        case .besideChain: return ("Ved siden av kjeden", "Beside the chain")
        case .levelShort: return ("N%n", "L%n")
        case .levelLong: return ("nivå %n i tilskuddskjeden", "level %n of the grant chain")
        case .fieldKind: return ("Type", "Kind")
        case .fieldPath: return ("Kjedevei", "Chain path")
        case .fieldChain: return ("Kjede", "Chain")
        case .fieldDescription: return ("Beskrivelse", "Description")
        case .fieldNote: return ("Merknad", "Note")
        case .fieldEvidence: return ("Belegg", "Evidence")
        case .fieldAttribution: return ("Tilknytning", "Attribution")
        case .fieldWhy: return ("Begrunnelse", "Reasoning")
        case .fieldSpeaker: return ("Taler", "Speaker")
        case .fieldSection: return ("Avsnitt", "Section")
        case .fieldPage: return ("Side", "Page")
        case .fieldLines: return ("Linjer", "Lines")
        case .fieldAlsoAt: return ("Også trykt", "Also printed")
        case .fieldCodes: return ("Koder", "Codes")
        case .wholeCounty: return ("alle kjedene i fylket", "every chain of the county")
        case .linesShort: return ("linje", "lines")
        case .informants: return ("Informanter", "Informants")
        case .noInformants: return ("Rapporten nevner ingen intervjuer her.", "The report mentions no interviews here.")
        case .surveyForKind:
            return ("Spørreundersøkelsen (kap. 4) for denne aktørtypen", "The survey (ch. 4) for this kind of actor")
        case .excerptsHeading: return ("Utdrag (%n)", "Excerpts (%n)")
        case .noExcerptsForActor:
            return (
                "Ingen utdrag er knyttet til denne aktøren. %n utdrag er knyttet til fylket uten aktør (tast c, så u).",
                "No excerpt is attributed to this actor. %n excerpts are attributed to the county without an actor "
                    + "(press c, then u)."
            )
        case .excerptPosition: return ("Utdrag %i av %n", "Excerpt %i of %n")
        case .kindInterviewBlock: return ("intervju, blokksitat", "interview, block quote")
        case .kindInterviewInline: return ("intervju, sitat i løpende tekst", "interview, quoted phrase")
        case .kindSurvey: return ("fritekstsvar i spørreundersøkelsen", "survey free-text answer")
        case .kindDocument: return ("kan stamme fra et dokument", "may come from a document")
        case .partial: return ("delvis", "in part")
        case .pageUnknown: return ("kan ikke bestemmes fra teksten", "not determinable from the text")
        case .confidenceStated: return ("SAGT I RAPPORTEN", "STATED in the report")
        case .confidenceInferred: return ("UTLEDET (sterkt hint)", "INFERRED (strong clue)")
        case .confidenceUnknown: return ("UKJENT", "UNKNOWN")
        case .notAttributed:
            return (
                "rapporten knytter ikke utdraget til fylke eller kjede",
                "the report ties the excerpt to no county or chain"
            )
        case .filterLabel: return ("Filter", "Filter")
        case .filterNone: return ("ingen (alle utdrag)", "none (all excerpts)")
        case .filterAny: return ("alle", "any")
        case .countOf: return ("%n av %m utdrag", "%n of %m excerpts")
        case .searchLabel: return ("Søk", "Search")
        case .hitsCount: return ("%n treff", "%n hits")
        case .noExcerptsMatch:
            return (
                "Ingen utdrag passer filteret. Tast x for å fjerne det.",
                "No excerpt matches the filter. Press x to clear it."
            )
        case .filterCounty: return ("Fylke", "County")
        case .filterChain: return ("Kjede", "Chain")
        case .filterLevel: return ("Nivå", "Level")
        case .filterKind: return ("Aktørtype", "Actor kind")
        case .filterRole: return ("Talerens rolle", "Speaker's role")
        case .filterCode: return ("Kode", "Code")
        case .filterQuestion: return ("Problemstilling", "Research question")
        case .filterConfidence: return ("Sikkerhet", "Confidence")
        case .foldOn:
            return (
                "Søket lar nå o finne ø, a finne å og ae finne æ.", "Search now lets o find ø, a find å and ae find æ."
            )
        case .foldOff: return ("Søket skiller nå o/ø, a/å og ae/æ.", "Search now tells o/ø, a/å and ae/æ apart.")
        case .foldOnShort: return ("ø=o på", "ø=o on")
        case .foldOffShort: return ("ø≠o", "ø≠o")
        case .noSearch: return ("Ingen søketreff. Tast / for å søke.", "No search hits. Press / to search.")
        case .searchWrapped: return ("Søket startet på nytt fra andre enden.", "Search wrapped around.")
        case .searching: return ("søker …", "searching …")
        case .codeQuestionsLink:
            return (
                "Problemstillinger (datasettets kobling, ikke rapportens)",
                "Research questions (the dataset's link, not the report's)"
            )
        case .discussedIn: return ("Rapporten drøfter den i %s", "The report discusses it in %s")
        case .excerptsServing:
            return ("%n utdrag belyser denne (datasettets kobling)", "%n excerpts bear on it (the dataset's link)")
        case .tooSmall:
            return (
                "Terminalvinduet er for lite (%w×%h). case-explorer trenger minst %mw×%mh.",
                "The terminal is too small (%w×%h). case-explorer needs at least %mw×%mh."
            )
        case .unknownKey:
            return (
                "Tasten %k gjør ingenting her — tast ? for hjelp.", "The key %k does nothing here — press ? for help."
            )
        case .unknownCommand:
            return (
                "Ukjent kommando «%c» — tast ? for kommandoene.", "Unknown command “%c” — press ? for the commands."
            )
        case .noCounties: return ("Dataene har ingen casefylker.", "The data has no case counties.")
        case .noSuchCounty: return ("Det finnes ikke noe casefylke %n.", "There is no case county %n.")
        case .noSuchId: return ("Ingenting har id-en «%id».", "Nothing has the id “%id”.")
        case .noSuchLanguage: return ("Språkene er nb og en, ikke «%l».", "The languages are nb and en, not “%l”.")
        case .firstExcerpt: return ("Dette er det første utdraget i listen.", "This is the first excerpt of the list.")
        case .lastExcerpt: return ("Dette er det siste utdraget i listen.", "This is the last excerpt of the list.")
        case .tabMatrix: return ("Matriser", "Matrices")
        case .helpExport:
            return (
                "eksporter: REFI-QDA-prosjekt eller -kodebok, CSV, Markdown-rapport",
                "export: REFI-QDA project or codebook, CSV, Markdown report"
            )
        case .helpChoiceCancel: return ("avbryt", "cancel")
        case .exportTitle: return ("Eksporter", "Export")
        case .exportQDPX:
            return (
                "REFI-QDA-prosjekt (.qdpx) med all koding — NVivo, ATLAS.ti, MAXQDA, QualCoder",
                "REFI-QDA project (.qdpx) with all coding — NVivo, ATLAS.ti, MAXQDA, QualCoder"
            )
        case .exportQDC: return ("REFI-QDA-kodebok (.qdc)", "REFI-QDA codebook (.qdc)")
        case .exportCSVExcerpts: return ("utdragene som CSV (regneark)", "the excerpts as CSV (spreadsheet)")
        case .exportCSVCodebook:
            return (
                "kodeboken som CSV (Taguette: tag, description)", "the codebook as CSV (Taguette: tag, description)"
            )
        case .exportMarkdown: return ("casestudierapport i Markdown", "case report in Markdown")
        case .exportFilePrompt: return ("filnavn", "file name")
        case .exportReplace: return ("%p finnes. Erstatte den? (j/n)", "%p exists. Replace it? (y/n)")
        case .exportWrote: return ("Skrev %p.", "Wrote %p.")
        case .exportCancelled: return ("Ingenting ble skrevet.", "Nothing was written.")
        case .exportWriting: return ("skriver %p …", "writing %p …")
        case .exportBusy:
            return (
                "%p skrives ennå; eksporter på nytt når den er skrevet.",
                "%p is still being written; export again once it is written."
            )
        case .screenChoice: return ("Valg", "Choice")
        case .screenResolve: return ("Uenigheter", "Disagreements")
        case .helpTakeA: return ("ta den første koderens koder", "take the first coder's codes")
        case .helpTakeB: return ("ta den andre koderens koder", "take the second coder's codes")
        case .helpTakeUnion: return ("ta unionen av begges koder", "take the union of both coders' codes")
        case .helpResolveEdit:
            return (
                "rediger konsensus: velg koder å legge til eller fjerne",
                "edit the consensus: pick codes to add or remove"
            )
        case .helpResolveDone:
            return (
                "merk utdraget som løst med konsensusens koder slik de er",
                "mark the excerpt resolved with the consensus codes as they are"
            )
        case .helpResolveMemo: return ("skriv et memo om avgjørelsen", "write a memo on the resolution")
        case .helpNextUnresolved: return ("neste uløste uenighet", "next unresolved disagreement")
        case .helpPreviousUnresolved: return ("forrige uløste uenighet", "previous unresolved disagreement")
        case .hintTakeA: return ("ta A", "take A")
        case .hintTakeB: return ("ta B", "take B")
        case .hintUnion: return ("begge", "union")
        case .hintEdit: return ("rediger", "edit")
        case .allResolved: return ("Alle uenighetene er løst.", "Every disagreement is resolved.")
        case .resolveProgress: return ("%r/%n løst", "%r/%n resolved")
        // K names the consensus as the κ figures do when they shorten to letters (κ K–A).
        case .resolveWho: return ("A: %a · B: %b → K: %i (avgjøres av %r)", "A: %a · B: %b → K: %i (resolved by %r)")
        case .onlyA: return ("Bare A (%a)", "Only A (%a)")
        case .onlyB: return ("Bare B (%b)", "Only B (%b)")
        case .both: return ("Begge", "Both")
        case .consensusLine: return ("Konsensus (%i)", "Consensus (%i)")
        case .notResolved: return ("ikke løst ennå", "not resolved yet")
        case .cameIn: return ("Kom inn på disken og er spilt av: %l.", "Came in on disk and replayed: %l.")
        case .cameInDecisions: return ("%n nye beslutninger", "%n new decisions")
        case .cameInMemos: return ("%n notater", "%n memos")
        case .resolutionConflict:
            return (
                "Konflikt — avgjort ulikt uten å se hverandre: %l. Avgjør på nytt (a, b, U, e).",
                "Conflict — resolved differently without seeing each other: %l. Settle it again (a, b, U, e)."
            )
        case .memoOf: return ("Memo fra %c", "Memo by %c")
        case .noDisagreements:
            return (
                "%a og %b er enige om alle utdragene begge har gjennomgått.",
                "%a and %b agree on every excerpt both reviewed."
            )
        case .resolveOpened: return ("%n uenigheter mellom %a og %b.", "%n disagreements between %a and %b.")
        case .helpShowMatrix:
            return (
                "matriser: koder som opptrer sammen, og fylke/kjede/nivå/aktørtype × kode",
                "matrices: codes that occur together, and county/chain/level/actor kind × code"
            )
        case .helpMatrixDown: return ("cellen under", "the cell below")
        case .helpMatrixUp: return ("cellen over", "the cell above")
        case .helpMatrixRight: return ("cellen til høyre", "the cell to the right")
        case .helpMatrixLeft: return ("cellen til venstre", "the cell to the left")
        case .helpMatrixOpen: return ("utdragene bak cellen", "the excerpts behind the cell")
        case .helpMatrixCoder:
            return (
                "bytt koding: rapportens, din egen, en kollegas, konsensus",
                "switch coding: the report's, your own, a colleague's, the consensus"
            )
        case .withSubcodes: return ("med underkoder", "with subcodes")
        case .codingReport: return ("rapportens koding", "the report's coding")
        case .codingOf: return ("kodingen til %c", "%c's coding")
        case .filterCoding: return ("Koding", "Coding")
        case .codebookCounts:
            return (
                "utdrag i %c · Enter viser dem · o bytter koding",
                "excerpts in %c · Enter lists them · o switches coding"
            )
        case .helpCycleCoding:
            return (
                "bytt koding: rapportens, din egen, en kollegas, konsensus",
                "switch coding: the report's, your own, a colleague's, the consensus"
            )
        case .noOtherCoding:
            return (
                "Ingen annen koding ennå: åpne gjennomgangen (R), eller la kolleger kode i samme arbeidsområde.",
                "No other coding yet: open the review (R), or let colleagues code in the same workspace."
            )
        case .codingNow: return ("Viser nå %c.", "Now showing %c.")
        case .codebookOwn: return ("egne", "own")
        case .codebookAll: return ("m/under", "w/ sub")
        case .matrixUnplaced: return ("(ikke plassert)", "(not placed)")
        case .matrixLevel1: return ("nivå 1 statsforvalter", "level 1 state governor")
        case .matrixLevel2: return ("nivå 2 samarbeidsforum", "level 2 cooperation forum")
        case .matrixLevel3: return ("nivå 3 kommune/eier", "level 3 municipality/owner")
        case .matrixLevel4: return ("nivå 4 enhet", "level 4 unit")
        case .surveyTable: return ("Tabell", "Table")
        case .matrixCooccurrence: return ("Kode × kode", "Code × code")
        case .matrixByCounty: return ("Fylke × kode", "County × code")
        case .matrixByChain: return ("Kjede × kode", "Chain × code")
        case .matrixByLevel: return ("Nivå × kode", "Level × code")
        case .matrixByKind: return ("Aktørtype × kode", "Actor kind × code")
        case .matrixCoder:
            return (
                "koding: %c · enhet: utdrag · Enter viser utdragene bak cellen",
                "coding: %c · unit: excerpt · Enter lists the excerpts behind the cell"
            )
        case .matrixCell: return ("%r × %c: %n utdrag", "%r × %c: %n excerpts")
        case .matrixEmpty:
            return ("Ingen kodede utdrag i denne kodingen ennå.", "No coded excerpts in this coding yet.")
        case .unattributedOfKind:
            return (
                "Sagt av %k-informanter som rapporten ikke knytter til noen aktør (%n utdrag)",
                "Said by %k informants the report ties to no actor (%n excerpts)"
            )
        case .enterLists: return ("Enter viser dem", "Enter lists them")
        case .helpOpenQuestion:
            return (
                "vis utdragene som belyser den valgte problemstillingen (fanen Problemstillinger)",
                "list the excerpts that bear on the selected research question (the Research questions tab)"
            )
        case .demoPaused: return ("PAUSE (mellomrom fortsetter)", "PAUSED (Space goes on)")
        case .notAttributedMark: return ("[ikke tilknyttet]", "[not attributed]")
        case .screenAgreement: return ("Samsvar", "Agreement")
        case .helpShowAgreement:
            return (
                "samsvar mellom to kodere, per kode, med uenighetene bak hvert tall",
                "agreement between two coders, per code, with the disagreements behind each figure"
            )
        case .helpAgreementOpen:
            return (
                "vis utdragene der koderne er uenige om koden",
                "list the excerpts where the coders disagree on the code"
            )
        case .helpAgreementResolve:
            return (
                "løs uenighetene om koden inn i konsensus-kodingen",
                "resolve the disagreements on the code into the consensus coding"
            )
        case .helpAgreementSort:
            return (
                "sorter etter neste kolonne: uenigheter, %, κ, AC1, α, BP, kode",
                "sort by the next column: disagreements, %, κ, AC1, α, BP, code"
            )
        case .helpAgreementCoderA: return ("bytt første koder (A)", "switch the first coder (A)")
        case .helpAgreementCoderB: return ("bytt andre koder (B)", "switch the second coder (B)")
        case .hintAgreementResolve: return ("løs", "resolve")
        case .hintAgreementSort: return ("sorter", "sort")
        case .hintAgreementCoder: return ("annen koder", "other coder")
        case .agreementNoCoders:
            return (
                "Ingen kodere å sammenligne ennå: rapportens koding er den eneste. Kod med R, eller hent kollegenes "
                    + "journaler (case-explorer sync), og kom tilbake med A.",
                "No coders to compare yet: the report's coding is the only one. Code with R, or bring in colleagues' "
                    + "journals (case-explorer sync), and come back with A."
            )
        case .matrixBuilding:
            return ("Teller opp matrisen for denne kodingen …", "Counting the matrix for this coding …")
        case .agreementBuilding:
            return (
                "Regner ut samsvaret for de to kodingene …", "Working out the agreement of the two codings …"
            )
        case .agreementHeading:
            return ("Samsvar: A = %a · B = %b · enhet: utdrag", "Agreement: A = %a · B = %b · unit: excerpt")
        case .agreementPooled:
            return ("alle koder, %n utdrag begge har vurdert:", "all codes, %n excerpts both reviewed:")
        case .agreementSorted:
            return (
                "sortert etter %s · ≠ uenigheter · intervaller: case-explorer agreement",
                "sorted by %s · ≠ disagreements · intervals: case-explorer agreement"
            )
        case .agreementSortDisagreements: return ("flest uenigheter", "most disagreements")
        case .agreementSortCode: return ("kode", "code")
        case .agreementCode: return ("Kode (bruk)", "Code (uses)")
        case .agreementNoCodes:
            return ("Ingen av koderne har brukt noen kode ennå.", "Neither coder has used a code yet.")
        case .agreementRare: return ("SJELDEN", "RARE")
        case .agreementParadox: return ("PARADOKS", "PARADOX")
        case .agreementRareExplained:
            return (
                "%c: brukt for sjelden til at tallene kan vurderes (se case-explorer agreement --min-uses).",
                "%c: used too rarely for its figures to be judged (see case-explorer agreement --min-uses)."
            )
        case .agreementParadoxExplained:
            return (
                "%c: høyt samsvar men lav κ — koden er sjelden, så tilfeldig samsvar er høyt; se AC1.",
                "%c: high agreement but low κ — the code is rare, so chance agreement is high; see AC1."
            )
        case .agreementRowHint:
            return (
                "%c: %n utdrag der én koder har koden og den andre ikke · Enter viser dem · r løser dem",
                "%c: %n excerpts where one coder has the code and the other not · Enter lists them · r resolves them"
            )
        case .agreementNothingToOpen:
            return (
                "%c: koderne er enige på alle utdrag de begge har vurdert.",
                "%c: the coders agree on every excerpt both reviewed."
            )
        case .agreementFilterLabel: return ("uenighet %a ≠ %b om %c", "disagreement %a ≠ %b on %c")
        case .screenReview: return ("Gjennomgang", "Review")
        case .screenPicker: return ("Velg fra en liste", "Pick from a list")
        case .screenMemo: return ("Memo", "Memo")
        case .hintPins: return ("festet kode", "pinned code")
        case .hintPick: return ("velg kode", "pick code")
        case .hintAccept: return ("godta forslag", "accept proposed")
        case .hintReviewed: return ("gjennomgått", "reviewed")
        case .hintMemo: return ("memo", "memo")
        case .hintUndo: return ("angre", "undo")
        case .hintApply: return ("bruk/fjern", "apply/remove")
        case .hintPin: return ("fest", "pin")
        case .hintSave: return ("lagre", "save")
        case .hintCancel: return ("forkast", "discard")
        case .helpStartReview:
            return (
                "gjennomgå kodingen av utdragene i listen (køen følger filteret)",
                "review the coding of the listed excerpts (the queue follows the filter)"
            )
        case .helpTogglePin:
            return (
                "bruk eller fjern den festede koden 1–9 (status uendret)",
                "apply or remove pinned code 1–9 (status unchanged)"
            )
        case .helpToggleCode:
            return ("bruk eller fjern den valgte koden i tabellen", "apply or remove the selected code of the table")
        case .helpCodeDown: return ("neste kode i tabellen", "next code of the table")
        case .helpCodeUp: return ("forrige kode i tabellen", "previous code of the table")
        case .helpPickCode:
            return (
                "velg en kode fra kodeboken ved å skrive (æøå virker)",
                "pick a code from the codebook by typing (æøå work)"
            )
        case .helpAcceptProposed:
            return (
                "godta alle kodene den andre kodingen foreslår (status uendret)",
                "accept every code the other coding proposes (status unchanged)"
            )
        case .helpMarkReviewed:
            return (
                "merk som gjennomgått (bare r, R, d og D gir status; en status teller som ferdig)",
                "mark reviewed (only r, R, d and D set a status; a status counts as done)"
            )
        case .helpMarkDisputed: return ("merk som omstridt", "mark disputed")
        case .helpMarkDiscuss: return ("merk for diskusjon i teamet", "mark as needing discussion")
        case .helpMemo: return ("skriv memo om utdraget", "write a memo on the excerpt")
        case .helpCodeMemo:
            return (
                "skriv memo om den valgte koden for dette utdraget",
                "write a memo on the selected code for this excerpt"
            )
        case .helpUndo:
            return (
                "angre siste beslutning (helt tilbake til øktens start)",
                "undo the latest decision (back to the session start)"
            )
        case .helpRedo: return ("gjør om det som ble angret", "redo what was undone")
        case .helpNextInQueue: return ("neste utdrag i køen", "next excerpt of the queue")
        case .helpPreviousInQueue: return ("forrige utdrag i køen", "previous excerpt of the queue")
        case .helpNextUnreviewed: return ("neste utdrag uten status", "next excerpt without a status")
        case .helpPreviousUnreviewed:
            return ("forrige utdrag uten status", "previous excerpt without a status")
        case .helpScrollTextDown: return ("rull teksten ned", "scroll the text down")
        case .helpScrollTextUp: return ("rull teksten opp", "scroll the text up")
        case .helpPickerApply:
            return ("bruk (eller fjern) koden på utdraget", "apply (or remove) the code on the excerpt")
        case .helpPickerPin:
            return (
                "fest koden på første ledige tall 1–9, eller løsne en festet kode",
                "pin the code to the first free digit 1–9, or unpin a pinned code"
            )
        case .helpPickerClose: return ("lukk uten å endre", "close without a change")
        case .helpMemoSave: return ("lagre memoet", "save the memo")
        case .helpMemoCancel:
            return (
                "lukk (et endret memo spør først: Esc en gang til forkaster)",
                "close (a changed memo asks first: Esc again discards)"
            )
        case .savedAs: return ("Lagret som #%s.", "Saved as #%s.")
        case .undone: return ("Angret #%n (lagret som #%s).", "Undid #%n (saved as #%s).")
        case .redone: return ("Gjorde om #%n (lagret som #%s).", "Redid #%n (saved as #%s).")
        case .readOnlyNothingSaved:
            return (
                "Kun lesing: journalen skrives av en annen prosess. Ingenting ble lagret.",
                "Read-only: another process writes this journal. Nothing was saved."
            )
        case .noPin:
            return (
                "Ingen kode er festet på %n (fest med c, så Ctrl-P).",
                "No code is pinned to %n (pin with c, then Ctrl-P)."
            )
        case .noCodeRow:
            return (
                "Ingen kode er valgt i tabellen — bruk c for å velge en.",
                "No code is selected in the table — use c to pick one."
            )
        case .nothingToAccept:
            return ("Du har allerede alle de foreslåtte kodene.", "You already have every proposed code.")
        case .nothingToUndo: return ("Ingenting å angre i denne økten.", "Nothing to undo in this session.")
        case .nothingToRedo: return ("Ingenting å gjøre om.", "Nothing to redo.")
        case .allReviewed: return ("Alle utdragene i køen har en status.", "Every excerpt of the queue has a status.")
        case .noCodeMatches: return ("Ingen kode passer.", "No code matches.")
        case .pinned: return ("%c er festet på %n.", "%c is pinned to %n.")
        case .memoUnchanged: return ("Memoet er uendret.", "The memo is unchanged.")
        case .memoDiscarded: return ("Endringene i memoet ble forkastet.", "The memo changes were discarded.")
        case .memoUnsavedAsk:
            return (
                "Memoet har endringer som ikke er lagret: Ctrl-S lagrer, Esc en gang til forkaster dem, andre taster "
                    + "skriver videre.",
                "The memo has changes that are not saved: Ctrl-S saves them, Esc again discards them, other keys go on "
                    + "editing."
            )
        case .memoUnsavedTooSmall:
            return (
                "Memoet har endringer som ikke er lagret: gjør vinduet større for å lagre eller forkaste dem.",
                "The memo has changes that are not saved: make the window larger to save or discard them."
            )
        case .tooSmallNothingDone:
            return (
                "Ingenting ble gjort mens skjermen ikke kan vises. Gjør vinduet større; q avslutter, ? viser hjelp.",
                "Nothing was done while the screen cannot be shown. Make the window larger; q quits, ? shows the help."
            )
        case .tooSmallHelp:
            return (
                "Hjelp: her virker q (avslutt), Ctrl-L (tegn på nytt) og ? (lukk hjelpen). Alle tastene vises "
                    + "med ? når vinduet er minst %mw×%mh.",
                "Help: here q quits, Ctrl-L redraws and ? closes this help. Every key is shown by ? once the "
                    + "window is at least %mw×%mh."
            )
        case .pinsFull:
            return (
                "Alle ni tallene er i bruk, så %c ble ikke festet: løsne en kode først (Ctrl-P på en festet kode her).",
                "All nine digits are in use, so %c was not pinned: unpin a code first (Ctrl-P on a pinned code here)."
            )
        case .unpinned:
            return (
                "%c er ikke lenger festet på %n; de andre tallene er uendret.",
                "%c is no longer pinned to %n; the other digits are unchanged."
            )
        case .resolutionStale:
            return (
                "UTDATERT: en koder har endret utdraget etter løsningen",
                "STALE: a coder changed the excerpt after it was resolved"
            )
        case .staleCount: return ("%s utdatert", "%s stale")
        case .reviewProgress: return ("%r/%n ferdig", "%r/%n done")
        case .reviewCoder: return ("koder: %c · sammenlignet med: %o", "coder: %c · compared with: %o")
        case .reviewReadOnly: return ("KUN LESING", "READ-ONLY")
        case .statusWord: return ("Status", "Status")
        case .codesHeading: return ("Koder", "Codes")
        case .pinsHeading: return ("Festet", "Pinned")
        case .memoHeading: return ("Memo", "Memo")
        case .codeMemoFor: return ("Memo om %c", "Memo on %c")
        case .statusUnreviewed: return ("IKKE GJENNOMGÅTT", "NOT REVIEWED")
        case .statusReviewed: return ("GJENNOMGÅTT", "REVIEWED")
        case .statusDisputed: return ("OMSTRIDT", "DISPUTED")
        case .statusDiscuss: return ("TIL DISKUSJON", "TO DISCUSS")
        case .noCodesYet:
            return (
                "Ingen koder ennå — 1–9 for festede koder, c for å velge.",
                "No codes yet — 1–9 for pinned codes, c to pick."
            )
        case .pickerTitle: return ("Velg kode — skriv for å filtrere", "Pick a code — type to filter")
        case .memoTitle: return ("Memo om utdraget", "Memo on the excerpt")
        case .reviewOpened: return ("Gjennomgang av %n utdrag som %c.", "Reviewing %n excerpts as %c.")
        case .reviewOpenedReadOnly: return ("KUN LESING: %e", "READ-ONLY: %e")
        case .journalDamaged:
            return (
                "Journalen hadde skader (%n); se case-explorer coding log. Alle hele beslutninger er med.",
                "The journal had damage (%n); see case-explorer coding log. Every complete decision is kept."
            )
        case .typedCharacters: return ("tegn", "letters")
        case .helpTypeFilter: return ("skriv for å snevre inn listen (æøå også)", "type to narrow the list (æøå too)")
        case .helpTypeSearch: return ("skriv teksten (æøå også)", "type the text (æøå too)")
        case .helpDeleteBack: return ("slett tegnet foran (tom: lukk)", "delete the character before (empty: close)")
        case .helpClearText: return ("tøm teksten", "clear the text")
        case .helpMemoType: return ("skriv memoet (æøå også)", "type the memo (æøå too)")
        case .helpMemoNewline: return ("ny linje", "new line")
        case .helpMemoDelete:
            return ("slett tegnet foran / etter markøren", "delete the character before / after the cursor")
        case .helpMemoMove: return ("flytt markøren", "move the cursor")
        case .helpOverwriteYes: return ("ja, erstatt filen", "yes, replace the file")
        case .helpOverwriteNo: return ("nei, behold filen", "no, keep the file")
        case .screenConfirm: return ("Filen finnes (y/n)", "The file exists (y/n)")
        case .shadowedHere:
            return (
                "Her gjør %k det tabellen over sier, ikke det de gjør andre steder.",
                "Here %k do what the table above says, not what they do elsewhere."
            )
        case .commandCounty: return ("kjedene i casefylke N", "the chains of case county N")
        case .commandChain: return ("den kjeden", "that chain")
        case .commandActor: return ("den aktøren", "that actor")
        case .commandExcerpt: return ("les det utdraget", "read that excerpt")
        case .commandCode: return ("utdragene med den koden", "the excerpts with that code")
        case .commandSearch: return ("søk i utdragene", "search the excerpts")
        case .commandLang: return ("språket i grensesnittet", "interface language")
        case .commandHelp: return ("hjelpen", "the help")
        case .commandQuit: return ("avslutt", "quit")
        case .helpDemoPause: return ("pause / fortsett", "pause / resume")
        case .helpDemoNext: return ("neste steg", "next step")
        case .helpDemoPrevious: return ("forrige steg", "previous step")
        case .helpDemoQuit: return ("avslutt demoen", "end the demo")
        case .hintDemoPause: return ("pause", "pause")
        case .hintDemoStep: return ("steg", "step")
        case .hintDemoQuit: return ("slutt", "end")
        case .helpReviewedNext:
            return ("merk som gjennomgått og gå til neste", "mark reviewed and go to the next")
        case .hintReviewedNext: return ("gjennomgått, neste", "reviewed, next")
        case .helpQueueView:
            return (
                "n og p går gjennom: alle, bare ikke gjennomgåtte, bare omstridte, bare til diskusjon",
                "n and p step through: all, only not reviewed, only disputed, only to discuss"
            )
        case .helpGoToExcerpt:
            return (
                "gå til et utdrag i køen (skriv id eller nummer)", "go to an excerpt of the queue (type id or number)"
            )
        case .queueViewNow: return ("n og p går nå gjennom %v (%n).", "n and p now step through %v (%n).")
        case .queueViewLabel: return ("n/p:", "n/p:")
        case .queueAll: return ("alle utdragene", "all excerpts")
        case .queueUnreviewed: return ("bare ikke gjennomgåtte", "only not reviewed")
        case .queueDisputed: return ("bare omstridte", "only disputed")
        case .queueDiscuss: return ("bare til diskusjon", "only to discuss")
        case .noLaterInView: return ("Ingen flere etter dette: %v (f bytter).", "No later excerpt: %v (f changes it).")
        case .noEarlierInView:
            return ("Ingen flere før dette: %v (f bytter).", "No earlier excerpt: %v (f changes it).")
        case .codesLeaveStatus:
            return (
                "Status uendret: r eller R merker utdraget gjennomgått.", "Status unchanged: r or R marks it reviewed."
            )
        case .reviewBreakdown:
            return (
                " · %r gjennomgått · %d omstridt · %D til diskusjon", " · %r reviewed · %d disputed · %D to discuss"
            )
        case .reviewBreakdownShort: return (" · %r gj. · %d omstr. · %D disk.", " · %r rev. · %d disp. · %D disc.")
        case .goToTitle: return ("Gå til utdrag — skriv id eller nummer", "Go to excerpt — type id or number")
        case .noExcerptMatches: return ("Ingen utdrag i køen passer.", "No excerpt of the queue matches.")
        case .helpRepaint: return ("tegn hele skjermen på nytt", "repaint the whole screen")
        case .helpPickerChoose: return ("velg det markerte", "choose the highlighted item")
        case .hintChoose: return ("velg", "choose")
        case .helpChooseValue:
            return (
                "velg verdien fra en liste (skriv for å snevre inn)", "choose the value from a list (type to narrow)"
            )
        case .helpSearchHelp: return ("søk i hjelpen", "search the help")
        case .helpNextHelpHit: return ("neste linje med søket", "next line holding the search")
        case .helpPreviousHelpHit: return ("forrige linje med søket", "previous line holding the search")
        case .noHelpMatches: return ("ingen treff", "no match")
        case .helpComplete:
            return (
                "fullfør kommandonavnet eller id-en (store og små bokstaver likt)",
                "complete the command name or the id (any case)"
            )
        case .hintComplete: return ("fullfør", "complete")
        case .noValueMatches: return ("Ingen verdi passer.", "No value matches.")
        case .typeToNarrow: return ("skriv for å snevre inn", "type to narrow")
        case .resolutionMemo: return ("Memo til løsningen (%c)", "Resolution memo (%c)")
        case .helpResolveUndo:
            return (
                "angre siste løsning (helt tilbake til øktens start; Ctrl-R gjør om)",
                "undo the latest resolution (back to the session start; Ctrl-R redoes)"
            )
        case .kindStatsforvalter: return ("Statsforvalteren", "State governor")
        case .kindSamarbeidsforum: return ("Samarbeidsforum", "Cooperation forum")
        case .kindFagutvalg: return ("Fagutvalg", "Expert committee")
        case .kindKommune: return ("Kommune / skole- og barnehageeier", "Municipality / school and kindergarten owner")
        case .kindPPT: return ("PP-tjenesten", "Educational-psychological service (PPT)")
        case .kindSkole: return ("Skole", "School")
        case .kindBarnehage: return ("Barnehage", "Kindergarten")
        case .kindUH: return ("UH-sektoren", "University or college (UH)")
        case .kindStatped: return ("Statped", "Statped")
        case .kindArbeidsgruppe: return ("Arbeidsgruppe", "Working group")
        case .kindSpesped: return ("Spesialpedagogisk team", "Special-needs team")
        }
    }
}

/// Numbers as the interface writes them: thousands grouped (bokmål with a narrow space,
/// English with a comma) so large figures read at a glance.
public enum NumberText {
    public static func grouped(_ n: Int, _ language: Language) -> String {
        let digits = String(n.magnitude)
        guard digits.count > 4 else { return String(n) }
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(language == .nb ? "\u{202F}" : ",") }
            out.append(ch)
        }
        return (n < 0 ? "-" : "") + out
    }
}

extension AppState {
    /// A counted text in the interface language: `t(.hitsCount, count: 1)` is "1 hit".
    public func t(_ key: Txt, count: Int) -> String { key.text(language, count: count) }

    /// "12 av 62 utdrag" / "12 of 62 excerpts", numbers grouped.
    public func countOf(_ n: Int, _ m: Int) -> String {
        t(.countOf).filling(["%n": NumberText.grouped(n, language), "%m": NumberText.grouped(m, language)])
    }

    /// "line 798" or "lines 794–795" (bokmål: "linje …").
    public func linesLabel(_ lines: LineRange) -> String {
        t(.linesShort, count: lines.start == lines.end ? 1 : 2) + " " + lines.description
    }

    /// Where a piece of evidence stands, after its quote: " (linje 868–869)" in the report, or
    /// " (utgiverens side om Delrapport 1, linje 49)" in another source, which is always named.
    public func evidencePlace(_ e: Evidence) -> String {
        let parts = [data.sourceDocument(e.source)?.name.text(language), e.lines.map(linesLabel)].compactMap { $0 }
        return parts.isEmpty ? "" : " (" + parts.joined(separator: ", ") + ")"
    }
}
