<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ar_EG">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../annotator/ui/about.py" line="55"/>
        <source>About Annotator</source>
        <translation>حول أداة التوسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="62"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="67"/>
        <source>License of the bundled Arabic font (Noto Naskh Arabic):</source>
        <translation>ترخيص الخط العربي المرفق (Noto Naskh Arabic):</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="74"/>
        <source>Annotator: speakers, claims, targets and stance in Arabic news.</source>
        <translation>أداة التوسيم: المتحدثون والتصريحات والموضوعات والموقف في الأخبار العربية.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="83"/>
        <source>Annotator version</source>
        <translation>إصدار أداة التوسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="83"/>
        <source>unknown (not installed as a package)</source>
        <translation>غير معروف (غير مثبَّت كحزمة)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="84"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="85"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="86"/>
        <source>PySide6</source>
        <translation>PySide6</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="87"/>
        <source>SQLite</source>
        <translation>SQLite</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="88"/>
        <source>Settings file</source>
        <translation>ملف الإعدادات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="89"/>
        <source>Data folder (demo project)</source>
        <translation>مجلد البيانات (المشروع التجريبي)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="90"/>
        <source>Log folder</source>
        <translation>مجلد السجلات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="91"/>
        <source>Backups</source>
        <translation>النسخ الاحتياطية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="95"/>
        <source>beside each project file, in NAME.backups (the demo project&apos;s: {folder})</source>
        <translation>بجانب كل ملف مشروع، في NAME.backups (نسخ المشروع التجريبي: {folder})</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/about.py" line="110"/>
        <source>The font license could not be read: {error}</source>
        <translation>تعذّرت قراءة ترخيص الخط: {error}</translation>
    </message>
</context>
<context>
    <name>KnownValuesBox</name>
    <message>
        <location filename="../../annotator/ui/attribute_editors.py" line="74"/>
        <source>{0}  (Tab or Enter takes it)</source>
        <translation>{0}  (اضغط Tab أو Enter لاعتماده)</translation>
    </message>
</context>
<context>
    <name>AnnotationPanel</name>
    <message>
        <location filename="../../annotator/ui/annotation_panel.py" line="77"/>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_panel.py" line="78"/>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_panel.py" line="81"/>
        <source>Links</source>
        <translation>الروابط</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_panel.py" line="85"/>
        <source>Compared with gold</source>
        <translation>مقارنةً بالمرجع الذهبي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_panel.py" line="115"/>
        <source>Gold agrees with your annotations</source>
        <translation>المرجع الذهبي يتفق مع توسيماتك</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/annotation_panel.py" line="141"/>
        <source>no span selected</source>
        <translation>لم يُحدَّد أي مقطع</translation>
    </message>
    <message>
        <source>{0} by {1}</source>
        <translation>{0} حسب {1}</translation>
    </message>
    <message>
        <source>(no {0})</source>
        <translation>(بلا {0})</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../annotator/ui/app.py" line="67"/>
        <source>Something went wrong</source>
        <translation>حدث خطأ ما</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/app.py" line="68"/>
        <source>Annotator met an error it did not expect ({0}). Your saved work is safe. The details are in {1}.</source>
        <translation>واجهت أداة التوسيم خطأً غير متوقع ({0}). عملك المحفوظ في أمان. التفاصيل في {1}.</translation>
    </message>
</context>
<context>
    <name>BoundaryMoves</name>
    <message>
        <location filename="../../annotator/ui/boundary_moves.py" line="71"/>
        <source>Select a span first (a click or Tab, no words selected), then Alt+arrows move its end</source>
        <translation>حدِّد مقطعًا أولًا (بنقرة أو Tab، دون تحديد كلمات)، ثم تحرِّك Alt+الأسهم نهايته</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/boundary_moves.py" line="88"/>
        <source>Alt+arrows now move the start of the {0} (Alt+End: its end)</source>
        <translation>تحرِّك Alt+الأسهم الآن بداية {0} (Alt+End: نهايته)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/boundary_moves.py" line="89"/>
        <source>Alt+arrows now move the end of the {0} (Alt+Home: its start)</source>
        <translation>تحرِّك Alt+الأسهم الآن نهاية {0} (Alt+Home: بدايته)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/boundary_moves.py" line="94"/>
        <source>{0} now: {1} (Ctrl+Z undoes)</source>
        <translation>{0} الآن: {1} (يتراجع عنه Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/boundary_moves.py" line="94"/>
        <source>Not moved: a {0} keeps at least one letter, its start cannot reach its end (Delete removes it)</source>
        <translation>لم يُحرَّك: يبقى في {0} حرف واحد على الأقل، فلا تبلغ بدايته نهايته (يحذفه Delete)</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <location filename="../../annotator/ui/commands.py" line="65"/>
        <source>add {0}</source>
        <translation>إضافة {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="65"/>
        <source>delete {0}</source>
        <translation>حذف {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="66"/>
        <source>relabel as {0}</source>
        <translation>تغيير الوسم إلى {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="66"/>
        <source>set {0}</source>
        <translation>تعيين {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="67"/>
        <source>link {0}</source>
        <translation>ربط {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="67"/>
        <source>move the boundaries of {0}</source>
        <translation>تحريك حدود {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="69"/>
        <source>accept suggestion</source>
        <translation>قبول الاقتراح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="71"/>
        <source>reject suggestion</source>
        <translation>رفض الاقتراح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="76"/>
        <source>mark new</source>
        <translation>وسم بأنه جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="76"/>
        <source>mark in progress</source>
        <translation>وسم بأنه قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="77"/>
        <source>mark done</source>
        <translation>وسم بأنه منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="78"/>
        <source>mark {0}</source>
        <translation>وسم بالحالة {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="1"/>
        <source>clear a note</source>
        <translation>محو ملاحظة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/commands.py" line="1"/>
        <source>write a note</source>
        <translation>كتابة ملاحظة</translation>
    </message>
</context>
<context>
    <name>Dashboard</name>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="220"/>
        <source>minutes per document (median)</source>
        <translation>الدقائق لكل وثيقة (الوسيط)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="221"/>
        <source>minutes per 1,000 words (median)</source>
        <translation>الدقائق لكل 1000 كلمة (الوسيط)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="193"/>
        <source>Documents adjudicated into gold: {0}</source>
        <translation>الوثائق المحكَّمة في المرجع الذهبي: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="33"/>
        <source>n/a</source>
        <translation>غير متاح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="75"/>
        <source>Agreement and progress</source>
        <translation>الاتفاق والتقدم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="94"/>
        <source>none</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="111"/>
        <source>Span agreement per label</source>
        <translation>الاتفاق على المقاطع لكل وسم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="112"/>
        <location filename="../../annotator/ui/dashboard.py" line="116"/>
        <location filename="../../annotator/ui/dashboard.py" line="130"/>
        <source>F1 exact</source>
        <translation>F1 (تطابق تام)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="113"/>
        <location filename="../../annotator/ui/dashboard.py" line="116"/>
        <location filename="../../annotator/ui/dashboard.py" line="127"/>
        <location filename="../../annotator/ui/dashboard.py" line="130"/>
        <location filename="../../annotator/ui/dashboard.py" line="157"/>
        <source>F1 overlap</source>
        <translation>F1 (تداخل)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="114"/>
        <location filename="../../annotator/ui/dashboard.py" line="116"/>
        <source>alpha_U</source>
        <translation>ألفا U</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="116"/>
        <source>label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="119"/>
        <source>Labels</source>
        <translation>الأوسمة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="126"/>
        <source>Agreement per annotator pair</source>
        <translation>الاتفاق لكل زوج من المُوسِّمين</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="90"/>
        <source>{0} kappa {1}, alpha {2}</source>
        <translation>كابا {0}: {1}، ألفا {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="92"/>
        <source>{0} agreement {1}</source>
        <translation>الاتفاق على {0}: {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="94"/>
        <source>Annotators: {0}</source>
        <translation>المُوسِّمون: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="125"/>
        <source>{0} kappa</source>
        <translation>كابا {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="130"/>
        <source>pair</source>
        <translation>الزوج</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="134"/>
        <source>Annotator pairs</source>
        <translation>أزواج المُوسِّمين</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="138"/>
        <source>Documents done over time</source>
        <translation>الوثائق المنجزة عبر الزمن</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="151"/>
        <source>days since {0}</source>
        <translation>أيام منذ {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="152"/>
        <source>annotator</source>
        <translation>المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="152"/>
        <source>done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="153"/>
        <source>Progress</source>
        <translation>التقدم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="157"/>
        <source>document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="157"/>
        <location filename="../../annotator/ui/dashboard.py" line="158"/>
        <source>disagreements</source>
        <translation>الاختلافات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard.py" line="165"/>
        <source>Most disagreement first (click to adjudicate)</source>
        <translation>الأكثر اختلافًا أولًا (انقر للتحكيم)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_assignments.py"/>
        <source>Assignments</source>
        <translation>التكليفات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_assignments.py"/>
        <source>done / assigned</source>
        <translation>المنجز / المكلَّف به</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_assignments.py"/>
        <source>words done / assigned</source>
        <translation>الكلمات المنجزة / المكلَّف بها</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_assignments.py"/>
        <source>words per day</source>
        <translation>كلمات في اليوم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_assignments.py"/>
        <source>Ready to adjudicate ({0}): the documents every assignee has done (click to adjudicate)</source>
        <translation>جاهزة للتحكيم ({0}): الوثائق التي أنجزها كل المكلَّفين بها (انقر للتحكيم)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_assignments.py"/>
        <source>No document of two or more assignees is done by all of them yet</source>
        <translation>لا وثيقة كُلِّف بها اثنان أو أكثر أنجزوها جميعًا بعد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_assignments.py"/>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_document_labels.py" line="1"/>
        <source>document label</source>
        <translation>تصنيف الوثيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_document_labels.py" line="1"/>
        <source>kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_document_labels.py" line="1"/>
        <source>alpha</source>
        <translation>ألفا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_document_labels.py" line="1"/>
        <source>one value</source>
        <translation>قيمة واحدة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_document_labels.py" line="1"/>
        <source>documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_document_labels.py" line="1"/>
        <source>Document labels</source>
        <translation>تصنيفات الوثيقة</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="25"/>
        <source>Type whose annotations they are under “Whose annotations” in the Import dialog.</source>
        <translation>اكتب صاحب هذه التوسيمات في خانة «توسيمات مَن» في نافذة الاستيراد.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="26"/>
        <source>Import it again and confirm that the layer is to be replaced.</source>
        <translation>استورده مرة أخرى وأكّد استبدال تلك الطبقة.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="27"/>
        <source>Save the file as UTF-8 and import it again.</source>
        <translation>احفظ الملف بترميز UTF-8 ثم استورده مرة أخرى.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dialogs.py" line="28"/>
        <source>Choose its format under “Format” in the Import dialog.</source>
        <translation>اختر صيغته في خانة «الصيغة» في نافذة الاستيراد.</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="37"/>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="37"/>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="37"/>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="42"/>
        <source>new</source>
        <extracomment>data(index, DOCUMENT_KEY_ROLE) is the document&apos;s key (``documents.key``), in any column.</extracomment>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="42"/>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="42"/>
        <source>done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="44"/>
        <source>All</source>
        <extracomment>The filter menu: its text, and the status it keeps (None: every document).</extracomment>
        <translation>الكل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="44"/>
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="44"/>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py" line="45"/>
        <source>Done</source>
        <translation>منجز</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_list.py"/>
        <source>My queue</source>
        <translation>قائمتي</translation>
    </message>
</context>
<context>
    <name>Editor</name>
    <message>
        <location filename="../../annotator/ui/editor.py" line="134"/>
        <source>Not done: the selection holds no whole word to label (hold Alt while selecting for part of a word)</source>
        <translation>لم يُنفَّذ: لا يضم التحديد كلمة كاملة لوسمها (اضغط Alt أثناء التحديد لوسم جزء من كلمة)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="114"/>
        <source>This project is open read-only: nothing can be changed here</source>
        <translation>هذا المشروع مفتوح للقراءة فقط: لا يمكن تغيير شيء هنا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="119"/>
        <source>Not done: {0}</source>
        <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="172"/>
        <source>Select a {0} first, then press {1} and click its {2}</source>
        <translation>حدِّد {0} أولًا، ثم اضغط {1} وانقر على {2} الخاص به</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="176"/>
        <source>{0}: click the {1} to tie this {2} to (Esc cancels)</source>
        <translation>{0}: انقر على {1} الذي يرتبط به هذا {2} (Esc للإلغاء)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="182"/>
        <source>Already linked</source>
        <translation>مربوط بالفعل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="237"/>
        <source>accept suggestions in paragraph</source>
        <translation>قبول الاقتراحات في الفقرة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="272"/>
        <source>{0} needs a {1}, not a {2}</source>
        <translation>تحتاج {0} إلى {1}، لا إلى {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/hover.py" line="26"/>
        <source>suggested {0} ({1}, confidence {2}) · Enter accepts, Backspace rejects</source>
        <translation>{0} مقترح ({1}، الثقة {2}) · Enter للقبول، Backspace للرفض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="154"/>
        <source>Relabelled as {0}</source>
        <translation>تغيَّر الوسم إلى {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="155"/>
        <source>{0} &quot;{1}&quot;</source>
        <translation>{0} «{1}»</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="157"/>
        <source>Relabelled as {0}; dropped {1} (Ctrl+Z brings it back)</source>
        <translation>تغيَّر الوسم إلى {0}؛ أُسقطت السمة {1} (يعيدها Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor.py" line="158"/>
        <source>Relabelled as {0}; dropped {1} (Ctrl+Z brings them back)</source>
        <translation>تغيَّر الوسم إلى {0}؛ أُسقطت السمات {1} (يعيدها Ctrl+Z)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="81"/>
        <source>Select a {0} to set its {1}</source>
        <translation>حدِّد {0} لتعيين {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="85"/>
        <source>set its {0}</source>
        <translation>تعيين {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="114"/>
        <source>accept its paragraph</source>
        <translation>قبول فقرته</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="116"/>
        <source>accept it</source>
        <translation>قبوله</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="119"/>
        <source>reject it</source>
        <translation>رفضه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="65"/>
        <source>delete it</source>
        <translation>حذفه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="70"/>
        <source>link it</source>
        <translation>ربطه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="94"/>
        <source>relabel it as {0}</source>
        <translation>تغيير وسمه إلى {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="106"/>
        <source>The selected {0} was off screen: it is shown now; press {1} again to {2}</source>
        <translation>كان {0} المحدَّد خارج الشاشة، وهو ظاهر الآن؛ اضغط {1} مرة أخرى من أجل {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="1"/>
        <source>Select a span to write a note on it (Shift+M: a note on the document)</source>
        <translation>حدِّد مقطعًا لتكتب عليه ملاحظة (Shift+M: ملاحظة على الوثيقة)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/editor_keys.py" line="1"/>
        <source>write a note on it</source>
        <translation>كتابة ملاحظة عليه</translation>
    </message>
</context>
<context>
    <name>EmptyHint</name>
    <message>
        <source>Select words with the mouse or Shift+arrows, then press {0}. F1 lists every key.</source>
        <translation>حدِّد كلمات بالفأرة أو بـ Shift والأسهم، ثم اضغط {0}. يعرض F1 كل المفاتيح.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="53"/>
        <source>What was written or refused appears here.</source>
        <translation>يظهر هنا ما كُتب أو ما رُفض.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="76"/>
        <location filename="../../annotator/ui/transfer.py" line="98"/>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="85"/>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="88"/>
        <source>relation extraction</source>
        <translation>استخراج العلاقات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="89"/>
        <source>sequence labelling</source>
        <translation>توسيم التسلسلات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="90"/>
        <source>Dataset release (one JSONL per split and a dataset card; a folder)</source>
        <translation>إصدار مجموعة بيانات (ملف JSONL لكل قسم وبطاقة لمجموعة البيانات؛ في مجلد)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="97"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="108"/>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="109"/>
        <source>doccano shape</source>
        <translation>شكل doccano</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="110"/>
        <source>Layer</source>
        <translation>الطبقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="112"/>
        <source>Splits</source>
        <translation>الأقسام</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="113"/>
        <source>Seed</source>
        <translation>البذرة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="114"/>
        <source>Destination</source>
        <translation>الوجهة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="134"/>
        <source>Export into folder</source>
        <translation>التصدير إلى مجلد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="137"/>
        <source>Export to</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="145"/>
        <source>Choose where to write the export first.</source>
        <translation>اختر أولًا مكان كتابة التصدير.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="152"/>
        <source>Nothing was written.</source>
        <translation>لم يُكتب شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="173"/>
        <source>written to {0}</source>
        <translation>كُتب إلى {0}</translation>
    </message>
</context>
<context>
    <name>Guidelines</name>
    <message>
        <location filename="../../annotator/ui/guidelines.py" line="14"/>
        <source>Span edges, the same for every selection, suggestion and gold edit: white space and the punctuation ⁨،⁩ ⁨؛⁩ . , : ⁨؟⁩ ! … – — at a span&apos;s start or end are left out. Quote marks and brackets « » ‹ › “ ” &quot; ( ) [ ] { } stay only in pairs: ⁨«وقف إطلاق النار».⁩ keeps both guillemets and loses its full stop; a closing » whose opening « lies outside the selection is left out. A selection of punctuation alone is kept. A drag takes every word it touches; Shift+arrows take the word they start in and, at the other end, only words selected whole.</source>
        <translation>حدود المقطع، والقاعدة واحدة لكل تحديد واقتراح وتعديل في المرجع الذهبي: تُستبعد المسافات وعلامات الترقيم ، ؛ . , : ؟ ! … – — من بداية المقطع ونهايته. وتبقى علامات التنصيص والأقواس « » ‹ › “ ” &quot; ( ) [ ] { } أزواجًا فقط: في «وقف إطلاق النار». تبقى علامتا التنصيص وتُحذف النقطة، وتُستبعد » الختامية إذا وقعت « الافتتاحية خارج التحديد. والتحديد الذي لا يضم إلا علامات ترقيم يبقى كما هو. السحب بالفأرة يأخذ كل كلمة يلمسها، أما Shift مع الأسهم فيأخذ الكلمة التي بدأ منها كاملة، ولا يأخذ عند الطرف الآخر إلا الكلمات المحددة كاملة.</translation>
    </message>
</context>
<context>
    <name>GuidelinesPanel</name>
    <message>
        <source>Guidelines</source>
        <translation>إرشادات الترميز</translation>
    </message>
    <message>
        <source>This project has no guidelines yet. Load a Markdown file with File → Guidelines…, or from the command line: annotator guidelines PROJECT FILE.md</source>
        <translation>لا إرشادات في هذا المشروع بعد. حمّل ملف Markdown من ملف ← الإرشادات…، أو من سطر الأوامر: annotator guidelines PROJECT FILE.md</translation>
    </message>
    <message>
        <source>Guidelines not loaded</source>
        <translation>لم تُحمَّل الإرشادات</translation>
    </message>
    <message>
        <source>Load guidelines (Markdown)</source>
        <translation>تحميل الإرشادات (Markdown)</translation>
    </message>
    <message>
        <source>Markdown (*.md *.markdown *.txt);;All files (*)</source>
        <translation>Markdown (*.md *.markdown *.txt);;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Guidelines…</source>
        <translation>الإرشادات…</translation>
    </message>
    <message>
        <source>Show guidelines</source>
        <translation>إظهار الإرشادات</translation>
    </message>
</context>
<context>
    <name>ImportArticlesDialog</name>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="212"/>
        <source>Import articles</source>
        <translation>استيراد المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="214"/>
        <source>The project to import into</source>
        <translation>المشروع الذي يُستورد إليه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="218"/>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="219"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="232"/>
        <source>Plain-text articles (.txt), one article per file; folders are searched for .txt files. Any Arabic encoding is recognized.</source>
        <translation>مقالات بنص عادي (‎.txt)، مقالة واحدة في كل ملف؛ يُبحث في المجلدات عن ملفات ‎.txt. يُتعرَّف على أي ترميز عربي.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="237"/>
        <source>Project</source>
        <translation>المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="237"/>
        <source>New…</source>
        <translation>جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="238"/>
        <source>Open…</source>
        <translation>فتح…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="239"/>
        <location filename="../../annotator/ui/welcome.py" line="262"/>
        <source>Articles</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="240"/>
        <source>Add files…</source>
        <translation>إضافة ملفات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="241"/>
        <source>Add folder…</source>
        <translation>إضافة مجلد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="242"/>
        <source>Remove</source>
        <translation>إزالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="263"/>
        <source>Text files (*.txt *.text);;All files (*)</source>
        <translation>ملفات نصية (*.txt *.text);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="267"/>
        <source>A folder of articles</source>
        <translation>مجلد مقالات</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>Articles (.txt) become new documents, the first of them opened; an annotation file adds its annotator&apos;s layer to the articles it names.</source>
        <translation>تصبح المقالات (‎.txt) وثائق جديدة ويُفتح أولها؛ أما ملف التوسيمات فيضيف طبقة مُوسِّمه إلى المقالات التي يذكرها.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="181"/>
        <location filename="../../annotator/ui/transfer.py" line="205"/>
        <source>Import articles or annotations</source>
        <translation>استيراد مقالات أو توسيمات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="183"/>
        <source>Detect from the content</source>
        <translation>الكشف من المحتوى</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="187"/>
        <source>File…</source>
        <translation>ملف…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="189"/>
        <source>Folder…</source>
        <translation>مجلد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="192"/>
        <source>used where the file names no annotator</source>
        <translation>يُستخدم حين لا يذكر الملف اسم مُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="194"/>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="195"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="199"/>
        <source>File or folder</source>
        <translation>ملف أو مجلد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="200"/>
        <source>Format</source>
        <translation>الصيغة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="201"/>
        <source>Whose annotations</source>
        <translation>توسيمات مَن</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="211"/>
        <source>Import a folder (brat, or .txt articles)</source>
        <translation>استيراد مجلد (brat، أو مقالات ‎.txt)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="220"/>
        <source>Imported {0} document(s), {1} layer(s), {2} span(s) and {3} relation(s) for {4}</source>
        <translation>استُورد من الوثائق {0}، ومن الطبقات {1}، ومن المقاطع {2}، ومن العلاقات {3} لـ {4}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="223"/>
        <source>the named layers</source>
        <translation>الطبقات المسمّاة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/transfer.py" line="232"/>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
</context>
<context>
    <name>MyQueue</name>
    <message>
        <location filename="../../annotator/ui/my_queue.py"/>
        <source>Every document of your queue is done</source>
        <translation>أُنجزت كل وثائق قائمتك</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/my_queue.py"/>
        <source>Your queue is done: this is the next unfinished document of the project</source>
        <translation>أُنجزت قائمتك: هذه الوثيقة غير المنجزة التالية في المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/my_queue.py"/>
        <source>Every document is done</source>
        <translation>أُنجزت كل الوثائق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/my_queue.py"/>
        <source>{0} is not assigned to {1}: the lead lets annotators open only the documents assigned to them (My queue). Ask the lead to assign it to you.</source>
        <translation>الوثيقة {0} غير مكلَّف بها {1}: لا يسمح المشرف للمُوسِّمين إلا بفتح الوثائق المكلَّفين بها (قائمتي). اطلب من المشرف أن يكلّفك بها.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/my_queue.py"/>
        <source>My queue: {0} of {1} done</source>
        <translation>قائمتي: أُنجز {0} من {1}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="54"/>
        <source>Annotator: {0} (read-only)</source>
        <translation>أداة التوسيم: {0} (للقراءة فقط)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="54"/>
        <source>Annotator: {0}</source>
        <translation>أداة التوسيم: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="111"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="112"/>
        <source>Import articles or annotations…</source>
        <translation>استيراد مقالات أو توسيمات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="113"/>
        <source>Export…</source>
        <translation>تصدير…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="114"/>
        <source>Back up now</source>
        <translation>نسخ احتياطي الآن</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="115"/>
        <source>Restore a backup…</source>
        <translation>استعادة نسخة احتياطية…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="116"/>
        <source>Change annotator…</source>
        <translation>تغيير المُوسِّم…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="117"/>
        <source>Settings…</source>
        <translation>الإعدادات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="118"/>
        <source>Quit</source>
        <translation>خروج</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="119"/>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="120"/>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="122"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="127"/>
        <source>Find in article</source>
        <translation>البحث في المقالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="152"/>
        <source>Search the corpus…</source>
        <translation>البحث في كل المقالات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="128"/>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="129"/>
        <source>Zoom in</source>
        <translation>تكبير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="131"/>
        <source>Zoom out</source>
        <translation>تصغير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="132"/>
        <source>Show invisible characters</source>
        <translation>إظهار المحارف غير المرئية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="134"/>
        <source>Show suggestions</source>
        <translation>إظهار الاقتراحات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="137"/>
        <source>&amp;Document</source>
        <translation>&amp;وثيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="138"/>
        <source>Mark done and go to next unfinished</source>
        <translation>وسمها منجزة والانتقال إلى التالية غير المنجزة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="140"/>
        <source>Next unfinished</source>
        <translation>التالية غير المنجزة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="141"/>
        <source>Mark in progress</source>
        <translation>وسمها قيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="142"/>
        <source>&amp;Review</source>
        <translation>&amp;مراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="143"/>
        <source>Review and adjudicate…</source>
        <translation>المراجعة والتحكيم…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="144"/>
        <source>Agreement dashboard…</source>
        <translation>لوحة الاتفاق…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="1"/>
        <source>Speakers…</source>
        <translation>المتحدثون…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="145"/>
        <source>&amp;Help</source>
        <translation>&amp;مساعدة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="146"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="148"/>
        <source>About Annotator</source>
        <translation>حول أداة التوسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="154"/>
        <source>all saved</source>
        <translation>حُفظ كل شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="195"/>
        <source>Every document is done</source>
        <translation>أُنجزت كل الوثائق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="212"/>
        <source>saved {0}</source>
        <translation>حُفظ {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="241"/>
        <source>not in gold</source>
        <translation>غير موجود في المرجع الذهبي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="242"/>
        <source>only in gold</source>
        <translation>في المرجع الذهبي فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="252"/>
        <source>Suggestion ({0}, confidence {1}): Enter accepts, Shift+Enter accepts the paragraph, Backspace rejects</source>
        <translation>اقتراح ({0}، الثقة {1}): Enter يقبل، وShift+Enter يقبل الفقرة، وBackspace يرفض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="274"/>
        <source>annotator: {0}</source>
        <translation>المُوسِّم: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="275"/>
        <source>done {0} of {1}</source>
        <translation>أُنجز {0} من {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="276"/>
        <source>{0} spans in this article</source>
        <translation>عدد المقاطع في هذه المقالة: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="301"/>
        <location filename="../../annotator/ui/main_window.py" line="310"/>
        <source>Nothing imported</source>
        <translation>لم يُستورد شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="303"/>
        <source>Replace annotations?</source>
        <translation>استبدال التوسيمات؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="304"/>
        <source>{0} already has annotations on some of these documents. Replace them?</source>
        <translation>لدى {0} توسيمات على بعض هذه الوثائق. أتريد استبدالها؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="305"/>
        <source>This file</source>
        <translation>هذا الملف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="337"/>
        <source>No backup made</source>
        <translation>لم تُنشأ نسخة احتياطية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="339"/>
        <source>Backed up to {0}</source>
        <translation>نُسخ احتياطيًا إلى {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="348"/>
        <source>Restore a backup</source>
        <translation>استعادة نسخة احتياطية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="348"/>
        <source>Backups (*.sqlite *.bak)</source>
        <translation>النسخ الاحتياطية (*.sqlite *.bak)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="351"/>
        <source>Restore this backup?</source>
        <translation>استعادة هذه النسخة الاحتياطية؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="352"/>
        <source>{0} will be replaced by {1}. The current file is kept aside, not deleted. Continue?</source>
        <translation>سيُستبدل {0} بـ {1}. يُحتفظ بالملف الحالي جانبًا ولا يُحذف. أتريد المتابعة؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="360"/>
        <source>Not restored</source>
        <translation>لم تتم الاستعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="366"/>
        <source>Restored {0}; the previous file is kept as {1}</source>
        <translation>استُعيد {0}؛ وحُفظ الملف السابق باسم {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="420"/>
        <location filename="../../annotator/ui/main_window.py" line="459"/>
        <source>Who is annotating?</source>
        <translation>مَن يقوم بالتوسيم؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="420"/>
        <source>Your name (each annotator has a layer):</source>
        <translation>اسمك (لكل مُوسِّم طبقته):</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="460"/>
        <source>Your name; each annotator writes their own layer:</source>
        <translation>اسمك؛ يكتب كل مُوسِّم في طبقته الخاصة:</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="466"/>
        <source>Annotator</source>
        <translation>أداة التوسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="467"/>
        <source>Please type a name.</source>
        <translation>يُرجى كتابة اسم.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/main_window.py" line="1"/>
        <source>Note on this document (Shift+M)</source>
        <translation>ملاحظة على هذه الوثيقة (Shift+M)</translation>
    </message>
</context>
<context>
    <name>NewProjectDialog</name>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="123"/>
        <location filename="../../annotator/ui/welcome.py" line="168"/>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="125"/>
        <source>Where to save the project file</source>
        <translation>مكان حفظ ملف المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="126"/>
        <source>The default schema (SPEAKER, CLAIM, TARGET, stance)</source>
        <translation>المخطط الافتراضي (متحدث، تصريح، موضوع، الموقف)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="127"/>
        <source>A schema file (TOML)</source>
        <translation>ملف مخطط (TOML)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="130"/>
        <source>A .toml file describing the labels</source>
        <translation>ملف ‎.toml يصف الأوسمة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="133"/>
        <source>Create</source>
        <translation>إنشاء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="134"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="140"/>
        <location filename="../../annotator/ui/welcome.py" line="142"/>
        <source>Choose…</source>
        <translation>اختيار…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="145"/>
        <source>Project file</source>
        <translation>ملف المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="146"/>
        <source>Schema</source>
        <translation>المخطط</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="168"/>
        <source>Annotator projects (*.sqlite)</source>
        <translation>مشاريع أداة التوسيم (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="174"/>
        <source>Schema file</source>
        <translation>ملف المخطط</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="175"/>
        <source>TOML schema (*.toml);;All files (*)</source>
        <translation>مخطط TOML (*.toml);;كل الملفات (*)</translation>
    </message>
</context>
<context>
    <name>ParagraphPreview</name>
    <message>
        <location filename="../../annotator/ui/paragraph_preview.py" line="19"/>
        <source>Accept the paragraph</source>
        <translation>قبول الفقرة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/paragraph_preview.py" line="20"/>
        <source>Suggestions to accept: {0}</source>
        <translation>الاقتراحات التي ستُقبل: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/paragraph_preview.py" line="35"/>
        <source>Accept</source>
        <translation>قبول</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/paragraph_preview.py" line="37"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
</context>
<context>
    <name>ReviewDecisions</name>
    <message>
        <source>Accepted {0} agreed units and {1} document labels into gold</source>
        <translation>قُبلت {0} من الوحدات المتفق عليها و{1} من تصنيفات الوثيقة في المرجع الذهبي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="40"/>
        <location filename="../../annotator/ui/review_decisions.py" line="127"/>
        <source>Not done: {0}</source>
        <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="55"/>
        <source>Nothing agreed is left to accept</source>
        <translation>لم يبقَ شيء متفق عليه لقبوله</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="57"/>
        <source>accept all agreed</source>
        <translation>قبول كل المتفق عليه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="60"/>
        <source>Accepted {0} agreed units into gold</source>
        <translation>قُبلت {0} من الوحدات المتفق عليها في المرجع الذهبي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="64"/>
        <source>There is no annotator number {0} in this document</source>
        <translation>لا يوجد مُوسِّم رقم {0} في هذه الوثيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="73"/>
        <source>pick {0}</source>
        <translation>اختيار {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="82"/>
        <source>combine {0} and {1}</source>
        <translation>دمج {0} و{1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="88"/>
        <source>Not done: select the words of the gold span in the article first</source>
        <translation>لم يُنفَّذ: حدِّد كلمات المقطع الذهبي في المقال أولًا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="98"/>
        <source>Not done: this unit is already settled ({0}); undo that decision first</source>
        <translation>لم يُنفَّذ: هذه الوحدة محسومة بالفعل ({0})؛ تراجع عن ذلك القرار أولًا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="101"/>
        <source>edit {0}</source>
        <translation>تحرير {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="108"/>
        <source>Saved to gold, but the edited span does not cover this unit&apos;s words: the unit is still open</source>
        <translation>حُفظ في المرجع الذهبي، لكن المقطع المحرَّر لا يغطي كلمات هذه الوحدة: الوحدة ما زالت مفتوحة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="116"/>
        <source>reject</source>
        <translation>رفض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="130"/>
        <source>mark adjudicated</source>
        <translation>وسم بأنه محكَّم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="131"/>
        <source>mark in review</source>
        <translation>وسم بأنه قيد المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_decisions.py" line="139"/>
        <source>Marked adjudicated with {0} units still open</source>
        <translation>وُسم بأنه محكَّم مع بقاء {0} من الوحدات مفتوحة</translation>
    </message>
</context>
<context>
    <name>ReviewLinks</name>
    <message>
        <location filename="../../annotator/ui/review_links.py" line="52"/>
        <source>Settle a {0} into gold first (or click its gold span), then press {1} and click its {2}</source>
        <translation>ثبِّت {0} في المرجع الذهبي أولًا (أو انقر على مقطعه الذهبي)، ثم اضغط {1} وانقر على {2} الخاص به</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_links.py" line="58"/>
        <source>{0}: click the gold {1} to tie this {2} to (Esc cancels)</source>
        <translation>{0}: انقر على {1} في المرجع الذهبي ليُربط به هذا {2} (Esc للإلغاء)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_links.py" line="84"/>
        <source>{0} needs a {1}, not a {2}</source>
        <translation>تحتاج {0} إلى {1}، لا إلى {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_links.py" line="93"/>
        <source>Already linked</source>
        <translation>مربوط بالفعل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_links.py" line="97"/>
        <source>link {0}</source>
        <translation>ربط {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_links.py" line="102"/>
        <source>Not done: {0}</source>
        <translation>لم يُنفَّذ: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_links.py" line="107"/>
        <source>Linked in gold: {0}</source>
        <translation>رُبط في المرجع الذهبي: {0}</translation>
    </message>
</context>
<context>
    <name>ReviewerName</name>
    <message>
        <location filename="../../annotator/ui/review_reviewer.py" line="40"/>
        <source>Recorded on every gold decision; click to change</source>
        <translation>يُسجَّل مع كل قرار في المرجع الذهبي؛ انقر للتغيير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reviewer.py" line="47"/>
        <source>Review: {0} — reviewer: {1}</source>
        <translation>المراجعة: {0} — المراجِع: {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reviewer.py" line="62"/>
        <source>Who is reviewing?</source>
        <translation>من يراجع؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reviewer.py" line="63"/>
        <source>Your name as reviewer (recorded on every gold decision):</source>
        <translation>اسمك بصفتك مراجِعًا (يُسجَّل مع كل قرار في المرجع الذهبي):</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reviewer.py" line="72"/>
        <source>A reviewer needs a name: it stays {0}</source>
        <translation>يحتاج المراجِع إلى اسم: يبقى {0}</translation>
    </message>
</context>
<context>
    <name>ReviewWindow</name>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="255"/>
        <source>Reviewer name…</source>
        <translation>اسم المراجِع…</translation>
    </message>
    <message>
        <source>settled: {0}</source>
        <translation>محسومة: {0}</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>متفق عليها</translation>
    </message>
    <message>
        <source>differs: {0}</source>
        <translation>تختلف في: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="260"/>
        <source>Link gold: {0}, then click its {1}</source>
        <translation>ربط في المرجع الذهبي: {0}، ثم انقر على {1} الخاص به</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_details.py" line="74"/>
        <source>Gold: rejected, no span here.</source>
        <translation>المرجع الذهبي: مرفوض، لا مقطع هنا.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_details.py" line="80"/>
        <source>Gold: {0}</source>
        <translation>المرجع الذهبي: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_details.py" line="82"/>
        <source> — {0} by {1}</source>
        <translation> — {0} بواسطة {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_details.py" line="85"/>
        <source> from {0}</source>
        <translation> من {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_details.py" line="87"/>
        <source>; reason: {0}</source>
        <translation>؛ السبب: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_details.py" line="91"/>
        <source>Gold: settled by a gold span over these words.</source>
        <translation>المرجع الذهبي: حُسم بمقطع ذهبي يغطي هذه الكلمات.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_details.py" line="92"/>
        <source>Gold: nothing yet.</source>
        <translation>المرجع الذهبي: لا شيء بعد.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="34"/>
        <source>not started</source>
        <translation>لم يبدأ</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="35"/>
        <source>in review</source>
        <translation>قيد المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="36"/>
        <source>adjudicated</source>
        <translation>محكَّم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="37"/>
        <source>label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="37"/>
        <source>chars</source>
        <translation>المحارف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="139"/>
        <source>Only open units</source>
        <translation>الوحدات المفتوحة فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="142"/>
        <source>State</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="142"/>
        <source>Words</source>
        <translation>الكلمات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="174"/>
        <source>Reason (optional; saved with the next decision)</source>
        <translation>السبب (اختياري؛ يُحفظ مع القرار التالي)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="178"/>
        <source>Combine  (C)</source>
        <translation>دمج  (C)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="192"/>
        <source>Edit: the selected words as gold  (E)</source>
        <translation>تحرير: الكلمات المحددة مرجعًا ذهبيًا  (E)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="194"/>
        <source>Select the words in the article, choose the label and attribute, then Edit</source>
        <translation>حدّد الكلمات في المقالة، واختر الوسم والسمة، ثم اضغط تحرير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="196"/>
        <source>Reject: no gold span here  (X)</source>
        <translation>رفض: لا مقطع ذهبي هنا  (X)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="199"/>
        <source>Decide this unit (or pick a version above)</source>
        <translation>احسم هذه الوحدة (أو اختر نسخة أعلاه)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="201"/>
        <source>Reason</source>
        <translation>السبب</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="203"/>
        <source>Combine: boundaries from</source>
        <translation>دمج: الحدود من</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="205"/>
        <source>attributes from</source>
        <translation>السمات من</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="208"/>
        <source>Edit: label</source>
        <translation>تحرير: الوسم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="217"/>
        <source>Accept all agreed  (Ctrl+Shift+A)</source>
        <translation>قبول كل المتفق عليه  (Ctrl+Shift+A)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="219"/>
        <location filename="../../annotator/ui/review_window.py" line="523"/>
        <source>Mark adjudicated</source>
        <translation>وسمها محكَّمة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="222"/>
        <location filename="../../annotator/ui/review_window.py" line="252"/>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="223"/>
        <location filename="../../annotator/ui/review_window.py" line="254"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="249"/>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="250"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="251"/>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="259"/>
        <source>&amp;Review</source>
        <translation>&amp;مراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="260"/>
        <source>Accept all agreed</source>
        <translation>قبول كل المتفق عليه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="262"/>
        <source>Pick the 1st…9th annotator&apos;s version</source>
        <translation>اختيار نسخة المُوسِّم الأول…التاسع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="263"/>
        <source>Combine</source>
        <translation>دمج</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="264"/>
        <source>Edit: the selected words as gold</source>
        <translation>تحرير: الكلمات المحددة مرجعًا ذهبيًا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="265"/>
        <source>Reject</source>
        <translation>رفض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="267"/>
        <source>Next unit</source>
        <translation>الوحدة التالية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="268"/>
        <source>Previous unit</source>
        <translation>الوحدة السابقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="269"/>
        <source>Next open unit</source>
        <translation>الوحدة المفتوحة التالية</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="271"/>
        <source>Mark adjudicated / in review</source>
        <translation>وسمها محكَّمة / قيد المراجعة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="283"/>
        <source>reviewer: {0}</source>
        <translation>المراجِع: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="309"/>
        <source>No annotator has annotated this document yet</source>
        <translation>لم يوسّم أي مُوسِّم هذه الوثيقة بعد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="363"/>
        <source>annotators differed: {0}</source>
        <translation>اختلف المُوسِّمون في: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="442"/>
        <source>Every unit is settled: {0} of {0}. Mark the document adjudicated when you are done.</source>
        <translation>حُسمت كل الوحدات: {0} من {0}. ضع على الوثيقة علامة «محكَّمة» حين تنتهي.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="450"/>
        <source>No units in this document</source>
        <translation>لا وحدات في هذه الوثيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="450"/>
        <source>Choose a unit</source>
        <translation>اختر وحدة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="460"/>
        <source>Unit {0} of {1}: {2}</source>
        <translation>الوحدة {0} من {1}: {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="490"/>
        <source>(no attribute)</source>
        <translation>(بلا سمة)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="519"/>
        <source>{0} of {1} units settled</source>
        <translation>حُسمت {0} من {1} وحدة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="521"/>
        <source>gold: {0}</source>
        <translation>المرجع الذهبي: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_window.py" line="523"/>
        <source>Adjudicated ✓ (undo: click)</source>
        <translation>محكَّمة ✓ (للتراجع: انقر)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="42"/>
        <source>note</source>
        <translation>ملاحظة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_document_labels.py" line="1"/>
        <source>Document labels</source>
        <translation>تصنيفات الوثيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_document_labels.py" line="1"/>
        <source>(not settled)</source>
        <translation>(لم تُحسم)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_document_labels.py" line="1"/>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_document_labels.py" line="1"/>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_document_labels.py" line="1"/>
        <source>{0} by {1}</source>
        <translation>{0} بيد {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_document_labels.py" line="1"/>
        <source>Not done: {0}</source>
        <translation>لم يتم: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_document_labels.py" line="1"/>
        <source>settle {0}</source>
        <translation>حسم {0}</translation>
    </message>
</context>
<context>
    <name>ReviewWords</name>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>gold</source>
        <translation>ذهبية</translation>
    </message>
    <message>
        <source>rejected</source>
        <translation>مرفوضة</translation>
    </message>
    <message>
        <source>agreed</source>
        <translation>متفق عليه</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>مختار</translation>
    </message>
    <message>
        <source>combined</source>
        <translation>مدمج</translation>
    </message>
    <message>
        <source>edited</source>
        <translation>محرَّر</translation>
    </message>
    <message>
        <source>split differently</source>
        <translation>مقسَّمة بشكل مختلف</translation>
    </message>
    <message>
        <source>boundaries</source>
        <translation>الحدود</translation>
    </message>
    <message>
        <source>label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>missing in {0}</source>
        <translation>غائبة عند {0}</translation>
    </message>
</context>
<context>
    <name>SearchBar</name>
    <message>
        <location filename="../../annotator/ui/search_bar.py" line="34"/>
        <source>Find (ignores harakat and tatweel, أ/إ/آ = ا)</source>
        <translation>بحث (يتجاهل الحركات والتطويل، أ/إ/آ = ا)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search_bar.py" line="76"/>
        <source>{0} found</source>
        <translation>عدد النتائج: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/search_bar.py" line="86"/>
        <source>{0} of {1}</source>
        <translation>{0} من {1}</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="49"/>
        <location filename="../../annotator/ui/settings_dialog.py" line="102"/>
        <source>Settings</source>
        <translation>الإعدادات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="52"/>
        <source>Follow the system</source>
        <translation>اتّباع النظام</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="56"/>
        <source> pt</source>
        <translation> نقطة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="58"/>
        <source>Your name; each annotator writes their own layer</source>
        <translation>اسمك؛ يكتب كل مُوسِّم في طبقته الخاصة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="63"/>
        <source>A new interface language applies the next time Annotator starts.</source>
        <translation>تُطبَّق لغة الواجهة الجديدة عند تشغيل أداة التوسيم في المرة القادمة.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="67"/>
        <source>OK</source>
        <translation>موافق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="68"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="72"/>
        <source>Interface language</source>
        <translation>لغة الواجهة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="74"/>
        <source>Article font size</source>
        <translation>حجم خط المقالة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="75"/>
        <source>Annotator name</source>
        <translation>اسم المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/settings_dialog.py" line="102"/>
        <source>Please type the annotator&apos;s name.</source>
        <translation>يُرجى كتابة اسم المُوسِّم.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Show or hide the guidelines beside the article</source>
        <translation>إظهار الإرشادات بجانب المقال أو إخفاؤها</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="12"/>
        <source>Label the selection {0}, or relabel the selected span</source>
        <translation>وسم التحديد بـ {0}، أو إعادة وسم المقطع المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="13"/>
        <source>{0}: with a {1} selected, then click (or Tab, Enter) its {2}</source>
        <translation>{0}: بعد تحديد {1}، انقر (أو Tab ثم Enter) على {2} الخاص به</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="15"/>
        <source>{0} {1} of the selected {2}</source>
        <translation>{0}: {1} لـ {2} المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="18"/>
        <source>Alt + select</source>
        <translation>Alt + تحديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="18"/>
        <source>Allow part of a word (leave out a clitic such as و or ال)</source>
        <translation>السماح بجزء من كلمة (لاستبعاد لاصقة مثل و أو ال)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="19"/>
        <source>Click</source>
        <translation>نقرة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="19"/>
        <source>Select the span (or the dashed suggestion) under the mouse</source>
        <translation>تحديد المقطع (أو الاقتراح المتقطع) تحت المؤشر</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="20"/>
        <source>Move the selected span&apos;s end (or start) one letter, the way the arrow points: in an Arabic line Left moves toward the end of the sentence</source>
        <translation>تحريك نهاية المقطع المحدَّد (أو بدايته) حرفًا واحدًا في اتجاه السهم: في سطر عربي يتجه السهم الأيسر نحو آخر الجملة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="21"/>
        <source>Move it one word or punctuation mark</source>
        <translation>تحريكها كلمةً أو علامة ترقيم واحدة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="22"/>
        <source>Alt+arrows move the start / the end (its handle is drawn filled)</source>
        <translation>تحرِّك Alt+الأسهم البداية / النهاية (يُرسم مقبضها مملوءًا)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="23"/>
        <source>Drag a handle</source>
        <translation>سحب مقبض</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="23"/>
        <source>Move the selected span&apos;s start or end to a word (hold Alt: to a letter)</source>
        <translation>نقل بداية المقطع المحدَّد أو نهايته إلى كلمة (مع Alt: إلى حرف)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="20"/>
        <source>Enter / Backspace</source>
        <translation>Enter / Backspace</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="20"/>
        <source>Accept / reject the selected suggestion</source>
        <translation>قبول / رفض الاقتراح المحدد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="21"/>
        <source>Accept every suggestion in the paragraph</source>
        <translation>قبول كل الاقتراحات في الفقرة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="22"/>
        <source>Show or hide suggestions</source>
        <translation>إظهار الاقتراحات أو إخفاؤها</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="23"/>
        <source>Tab / Shift+Tab</source>
        <translation>Tab / Shift+Tab</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="23"/>
        <source>Next / previous span or suggestion in reading order</source>
        <translation>المقطع أو الاقتراح التالي / السابق بترتيب القراءة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="24"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="24"/>
        <source>Delete the selected span and its links</source>
        <translation>حذف المقطع المحدد وروابطه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="25"/>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="25"/>
        <source>Cancel linking, clear the selection</source>
        <translation>إلغاء الربط ومسح التحديد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="26"/>
        <source>Undo / redo</source>
        <translation>تراجع / إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="27"/>
        <source>Find in the article (ignores harakat and tatweel)</source>
        <translation>البحث في المقالة (يتجاهل الحركات والتطويل)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="41"/>
        <source>Search every article by words and annotations</source>
        <translation>البحث في كل المقالات بالكلمات والتوسيمات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="28"/>
        <source>Mark done and go to the next unfinished article</source>
        <translation>وسمها منجزة والانتقال إلى المقالة التالية غير المنجزة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="29"/>
        <source>Next unfinished article</source>
        <translation>المقالة التالية غير المنجزة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="30"/>
        <source>Ctrl+plus / Ctrl+minus</source>
        <translation>Ctrl+plus / Ctrl+minus</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="30"/>
        <source>Zoom in / out</source>
        <translation>تكبير / تصغير</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="31"/>
        <source>Show invisible and bidi control characters</source>
        <translation>إظهار المحارف غير المرئية ومحارف التحكم بالاتجاه</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="32"/>
        <source>This list</source>
        <translation>هذه القائمة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="39"/>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="42"/>
        <source>Key</source>
        <translation>المفتاح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="42"/>
        <source>What it does</source>
        <translation>الوظيفة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="51"/>
        <source>Close</source>
        <translation>إغلاق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="1"/>
        <source>Write a note on the selected span (Return saves it)</source>
        <translation>كتابة ملاحظة على المقطع المحدد (Return يحفظها)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/help_dialog.py" line="1"/>
        <source>Write a note on the document</source>
        <translation>كتابة ملاحظة على الوثيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_label_bar.py" line="1"/>
        <source>{0}: {1}, for the whole article (again: clear it)</source>
        <translation>{0}: {1}، للمقال كله (مرة أخرى: إلغاؤها)</translation>
    </message>
</context>
<context>
    <name>SuggestionRule</name>
    <message>
        <source>quote</source>
        <translation>فعل القول ثم اقتباس</translation>
    </message>
    <message>
        <source>quote-colon</source>
        <translation>فعل القول ثم نقطتان</translation>
    </message>
    <message>
        <source>quote-first</source>
        <translation>الاقتباس أولًا</translation>
    </message>
    <message>
        <source>verb-first+inna</source>
        <translation>فعل القول ثم إنّ</translation>
    </message>
    <message>
        <source>subject-first</source>
        <translation>المتحدث قبل الفعل</translation>
    </message>
    <message>
        <source>participle</source>
        <translation>مضيفًا</translation>
    </message>
    <message>
        <source>pro-drop</source>
        <translation>متحدث مضمر (تخمين)</translation>
    </message>
    <message>
        <source>naqala-an</source>
        <translation>نقل عن</translation>
    </message>
    <message>
        <source>according-to</source>
        <translation>بحسب</translation>
    </message>
</context>
<context>
    <name>VersionColumn</name>
    <message>
        <source>Note on the document: {0}</source>
        <translation>ملاحظة على المقال: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="162"/>
        <source>Pick {0}</source>
        <translation>اختيار {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="164"/>
        <source>Take {0}&apos;s version as gold</source>
        <translation>اعتماد نسخة {0} مرجعًا ذهبيًا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="165"/>
        <source>; key {0}</source>
        <translation>؛ المفتاح {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_parts.py" line="186"/>
        <source>(no span here)</source>
        <translation>(لا مقطع هنا)</translation>
    </message>
</context>
<context>
    <name>WelcomeWindow</name>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="1"/>
        <source>Open a team project…</source>
        <translation>فتح مشروع فريق…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="92"/>
        <source>{path}: no such project file</source>
        <translation>{path}: لا يوجد ملف مشروع كهذا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="108"/>
        <source>Imported {added} article(s) into {name}.</source>
        <translation>استُورد من المقالات {added} إلى {name}.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="111"/>
        <source>{count} were already in the project and were skipped.</source>
        <translation>كان {count} منها في المشروع مسبقًا فتُجووزت.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="194"/>
        <source>No project created</source>
        <translation>لم يُنشأ أي مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="200"/>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="201"/>
        <source>Annotator projects (*.sqlite);;All files (*)</source>
        <translation>مشاريع أداة التوسيم (*.sqlite);;كل الملفات (*)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="297"/>
        <location filename="../../annotator/ui/welcome.py" line="312"/>
        <source>Annotator</source>
        <translation>أداة التوسيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="301"/>
        <source>No recent projects yet. Start with the demo project, or create a new one.</source>
        <translation>لا مشاريع حديثة بعد. ابدأ بالمشروع التجريبي، أو أنشئ مشروعًا جديدًا.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="318"/>
        <source>Mark speakers, claims, targets and stance in Arabic news articles.</source>
        <translation>وسِّم المتحدثين والتصريحات والموضوعات والموقف في المقالات الإخبارية العربية.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="329"/>
        <source>New project…</source>
        <translation>مشروع جديد…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="330"/>
        <source>Open…</source>
        <translation>فتح…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="331"/>
        <source>Open the demo project</source>
        <translation>فتح المشروع التجريبي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="332"/>
        <source>Import articles…</source>
        <translation>استيراد مقالات…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="344"/>
        <source>Recent projects</source>
        <translation>المشاريع الحديثة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="400"/>
        <source>{path}

This project is no longer there: it may have been moved, renamed or deleted, or it is on a drive that is not connected. Nothing was created in its place.

Remove it from the recent projects?</source>
        <translation>{path}

لم يعد هذا المشروع موجودًا: ربما نُقل أو أُعيدت تسميته أو حُذف، أو أنه على قرص غير موصول. لم يُنشأ شيء مكانه.

أتريد إزالته من المشاريع الحديثة؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="404"/>
        <source>Project not found</source>
        <translation>المشروع غير موجود</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="417"/>
        <source>Cannot open this project</source>
        <translation>تعذّر فتح هذا المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="439"/>
        <source>The demo project could not be made</source>
        <translation>تعذّر إنشاء المشروع التجريبي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="462"/>
        <source>Nothing imported</source>
        <translation>لم يُستورد شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/welcome.py" line="464"/>
        <source>Articles imported</source>
        <translation>استُوردت المقالات</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../../annotator/ui/app.py" line="87"/>
        <source>Project in use</source>
        <translation>المشروع قيد الاستخدام</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/app.py" line="88"/>
        <source>{0}

Open it read-only?</source>
        <translation>{0}

أتريد فتحه للقراءة فقط؟</translation>
    </message>
</context>
<context>
    <name>DocumentLabelBar</name>
    <message>
        <location filename="../../annotator/ui/document_label_bar.py" line="1"/>
        <source>{0}:</source>
        <translation>{0}:</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_label_bar.py" line="1"/>
        <source>Press {0} in the article, or click, to set it; again to clear it</source>
        <translation>اضغط {0} في المقال أو انقر لتعيينها، ومرة أخرى لإلغائها</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/document_label_bar.py" line="1"/>
        <source>Click to set it; again to clear it</source>
        <translation>انقر لتعيينها، ومرة أخرى لإلغائها</translation>
    </message>
</context>
<context>
    <name>NotesBox</name>
    <message>
        <location filename="../../annotator/ui/notes_box.py" line="1"/>
        <source>A note on the selected span (M)</source>
        <translation>ملاحظة على المقطع المحدد (M)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/notes_box.py" line="1"/>
        <source>A note on this document (Shift+M)</source>
        <translation>ملاحظة على هذه الوثيقة (Shift+M)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/notes_box.py" line="1"/>
        <source>Others&apos; notes</source>
        <translation>ملاحظات الآخرين</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/notes_box.py" line="1"/>
        <source>Span note</source>
        <translation>ملاحظة المقطع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/notes_box.py" line="1"/>
        <source>Document note</source>
        <translation>ملاحظة الوثيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/notes_box.py" line="1"/>
        <source>the document</source>
        <translation>الوثيقة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/notes_box.py" line="1"/>
        <source>a span</source>
        <translation>مقطع</translation>
    </message>
</context>
<context>
    <name>DecisionReasons</name>
    <message>
        <location filename="../../annotator/ui/review_reasons.py"/>
        <source>Why: not given</source>
        <translation>السبب: لم يُحدَّد</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reasons.py"/>
        <source>Annotator error</source>
        <translation>خطأ من المُوسِّم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reasons.py"/>
        <source>Ambiguous text</source>
        <translation>نص ملتبس</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reasons.py"/>
        <source>Guideline gap</source>
        <translation>ثغرة في الإرشادات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reasons.py"/>
        <source>Schema gap</source>
        <translation>ثغرة في المخطط</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reasons.py"/>
        <source>Why the annotators&apos; versions differ; saved with the next decision on this unit</source>
        <translation>لماذا اختلفت نسخ المُوسِّمين؛ يُحفظ مع القرار التالي في هذه الوحدة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/review_reasons.py"/>
        <source>Guidelines need updating</source>
        <translation>الإرشادات تحتاج إلى تحديث</translation>
    </message>
</context>
<context>
    <name>QuickDecisions</name>
    <message>
        <location filename="../../annotator/ui/dashboard_quick.py"/>
        <source>Decisions taken in under two seconds</source>
        <translation>قرارات اتُّخذت في أقل من ثانيتين</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_quick.py"/>
        <source>{0} decisions taken this fast: worth a second look (click to open the document)</source>
        <translation>قرارات اتُّخذت بهذه السرعة: {0}، تستحق نظرة ثانية (انقر لفتح الوثيقة)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_quick.py"/>
        <source>No decision was taken this fast</source>
        <translation>لم يُتَّخذ أي قرار بهذه السرعة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_quick.py"/>
        <source>{0}: «{1}», {2} by {3} in {4} s</source>
        <translation>{0}: «{1}»، {2} بقرار {3} في {4} ث</translation>
    </message>
</context>
<context>
    <name>AgainstGold</name>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>Annotators against gold</source>
        <translation>المُوسِّمون مقارنةً بالمرجع الذهبي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>F1 exact</source>
        <translation>F1 (تطابق تام)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>F1 overlap</source>
        <translation>F1 (تداخل)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>n/a</source>
        <translation>غير متاح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>No document is adjudicated yet: once gold is marked adjudicated, each annotator is measured against it here</source>
        <translation>لم تُحكَّم أي وثيقة بعد: حين يُعلَّم المرجع الذهبي لوثيقة بأنه محكَّم، يُقاس كل مُوسِّم عليه هنا</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>Adjudicated documents: {0}; a point per day of adjudication</source>
        <translation>الوثائق المحكَّمة: {0}؛ نقطة لكل يوم تحكيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>Adjudicated documents: {0}; a point per week of adjudication</source>
        <translation>الوثائق المحكَّمة: {0}؛ نقطة لكل أسبوع تحكيم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>{0} annotated none of the adjudicated documents</source>
        <translation>لم يوسِّم {0} أيًّا من الوثائق المحكَّمة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>{0} against gold, per label</source>
        <translation>{0} مقارنةً بالمرجع الذهبي، لكل وسم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>period</source>
        <translation>الفترة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>documents</source>
        <translation>الوثائق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>{0} kappa</source>
        <translation>كابا {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>{0} F1</source>
        <translation>F1 ({0})</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/dashboard_gold.py"/>
        <source>all</source>
        <translation>الكل</translation>
    </message>
</context>
<context>
    <name>GoldCompare</name>
    <message>
        <location filename="../../annotator/ui/gold_compare.py"/>
        <source>not in gold</source>
        <translation>غير موجود في المرجع الذهبي</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/gold_compare.py"/>
        <source>only in gold</source>
        <translation>في المرجع الذهبي فقط</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/gold_compare.py"/>
        <source>{0}: gold {1}, yours {2}</source>
        <translation>{0}: في المرجع الذهبي {1}، وعندك {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/gold_compare.py"/>
        <source>{0} link missing: gold ties it to «{1}»</source>
        <translation>رابط {0} ناقص: المرجع الذهبي يربطه بـ«{1}»</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/gold_compare.py"/>
        <source>{0} link not in gold: yours ties it to «{1}»</source>
        <translation>رابط {0} ليس في المرجع الذهبي: أنت ربطته بـ«{1}»</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/gold_compare.py"/>
        <source>{0}: gold ties it to «{1}», yours to «{2}»</source>
        <translation>{0}: المرجع الذهبي يربطه بـ«{1}»، وأنت بـ«{2}»</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/gold_compare.py"/>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
</context>
<context>
    <name>FindWindow</name>
    <message>
        <location filename="../../annotator/ui/find_window.py" line="1"/>
        <source>Search the corpus</source>
        <translation>البحث في كل المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_window.py" line="1"/>
        <source>Words, or terms such as {0}</source>
        <translation>كلمات، أو شروط مثل {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_window.py" line="1"/>
        <source>Fields: {0}</source>
        <translation>الحقول: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_window.py" line="1"/>
        <source>{0} — {1}, {2}</source>
        <translation>{0} — {1}، {2}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_window.py" line="1"/>
        <source>The first {0} hits; more follow: narrow the query</source>
        <translation>أول {0} نتيجة، وبعدها المزيد: ضيّق البحث</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_window.py" line="1"/>
        <source>Nothing found</source>
        <translation>لم يُعثر على شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/find_window.py" line="1"/>
        <source>Hits: {0} (Enter or a click opens one at its words)</source>
        <translation>النتائج: {0} (يفتح Enter أو النقر النتيجةَ عند كلماتها)</translation>
    </message>
</context>
<context>
    <name>SpeakersWindow</name>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Speakers</source>
        <translation>المتحدثون</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Filter by a name or the words of a mention</source>
        <translation>صفِّ باسمٍ أو بكلمات إحدى الإشارات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Entity</source>
        <translation>الكيان</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Mentions</source>
        <translation>الإشارات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Documents</source>
        <translation>المقالات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Layers</source>
        <translation>الطبقات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Words</source>
        <translation>الكلمات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Id</source>
        <translation>المعرّف</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Merge the two selected</source>
        <translation>دمج الكيانين المحدَّدين</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Rename…</source>
        <translation>إعادة تسمية…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Open mention</source>
        <translation>فتح الإشارة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Entities: {0} of {1}</source>
        <translation>الكيانات: {0} من {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Select two entities to merge</source>
        <translation>حدِّد كيانين لدمجهما</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Merge two entities</source>
        <translation>دمج كيانين</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Which name do both keep? The other&apos;s mentions take it and its id, in every layer, gold included.</source>
        <translation>أيّ الاسمين يبقى للكيانين معًا؟ تأخذه إشارات الآخر مع معرّفه، في كل الطبقات بما فيها المرجع الذهبي.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Keep {0} ({1})</source>
        <translation>الإبقاء على {0} ({1})</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Select one entity to rename</source>
        <translation>حدِّد كيانًا واحدًا لإعادة تسميته</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>Rename an entity</source>
        <translation>إعادة تسمية كيان</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>The new name of every mention, in every layer:</source>
        <translation>الاسم الجديد لكل الإشارات، في كل الطبقات:</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>{0} is already the name of another entity ({1} mention(s)). Merge {2} into it?</source>
        <translation>{0} اسمُ كيانٍ آخر ({1} إشارة). هل تدمج {2} فيه؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>merge into {0}</source>
        <translation>الدمج في {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/speakers_window.py" line="1"/>
        <source>rename to {0}</source>
        <translation>إعادة التسمية إلى {0}</translation>
    </message>
</context>
<context>
    <name>Checkout</name>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Check out for offline work…</source>
        <translation>سحب للعمل دون اتصال…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Check in…</source>
        <translation>إعادة العمل…</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Check out for offline work</source>
        <translation>سحب للعمل دون اتصال</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Whose documents and annotations:</source>
        <translation>مستندات وتوسيمات مَن:</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>No documents assigned</source>
        <translation>لا مستندات مسندة</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>{0} has no documents assigned. Check out every document of the project?</source>
        <translation>لا مستندات مسندة إلى {0}. هل تسحب كل مستندات المشروع؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Check out to</source>
        <translation>السحب إلى</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Project files (*.sqlite)</source>
        <translation>ملفات المشاريع (*.sqlite)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Nothing checked out</source>
        <translation>لم يُسحب شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Checked out</source>
        <translation>تم السحب</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>{0} document(s) with the annotations of {1} are in {2}. Open that file on the laptop; bring the work back with File → Check in….</source>
        <translation>{0} مستند بتوسيمات {1} في {2}. افتح ذلك الملف على الحاسوب المحمول، وأعد العمل بـ ملف ← إعادة العمل….</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Check in</source>
        <translation>إعادة العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Edited on both sides</source>
        <translation>عُدّل في الجهتين</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>{0} document(s) were edited in this project too since the check-out, and were left alone. Take the checked-out file's version of them?</source>
        <translation>عُدّل {0} مستند في هذا المشروع أيضًا منذ السحب، فتُرك كما هو. هل تأخذ نسختها من الملف المسحوب؟</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Checked in</source>
        <translation>أُعيد العمل</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Nothing checked in</source>
        <translation>لم يُعَد شيء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Nothing new to check in: the annotations in {0} are as this project has them. Nothing changed.</source>
        <translation>لا جديد لإعادته: التوسيمات في {0} كما هي في هذا المشروع. لم يتغير شيء.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>Checked in the annotations of {0} on {1} document(s).</source>
        <translation>أُعيدت توسيمات {0} على {1} مستند.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>{0} document(s) edited on both sides: the checked-out file's version was taken.</source>
        <translation>{0} مستند عُدّل في الجهتين: أُخذت نسخة الملف المسحوب.</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>{0} document(s) edited on both sides were left alone: {1}</source>
        <translation>{0} مستند عُدّل في الجهتين تُرك كما هو: {1}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/checkout_actions.py" line="1"/>
        <source>{0} document(s) refused (their text differs from the project's, or the project does not have them): {1}</source>
        <translation>رُفض {0} مستند (نصه يختلف عن نص المشروع، أو ليس في المشروع): {1}</translation>
    </message>
</context>
<context>
    <name>TeamProjectDialog</name>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Open a team project</source>
        <translation>فتح مشروع فريق</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>public (leave empty)</source>
        <translation>public (اتركه فارغاً)</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Open</source>
        <translation>فتح</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Server</source>
        <translation>الخادم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Port</source>
        <translation>المنفذ</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Database</source>
        <translation>قاعدة البيانات</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>User</source>
        <translation>المستخدم</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Schema</source>
        <translation>المخطط</translation>
    </message>
</context>
<context>
    <name>TeamProject</name>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Not opened: {0}</source>
        <translation>لم يُفتح: {0}</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Password</source>
        <translation>كلمة المرور</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>The password of {0} on {1}:</source>
        <translation>كلمة مرور {0} على {1}:</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Cannot open this project</source>
        <translation>تعذّر فتح هذا المشروع</translation>
    </message>
    <message>
        <location filename="../../annotator/ui/team_open.py" line="1"/>
        <source>Open a team project…</source>
        <translation>فتح مشروع فريق…</translation>
    </message>
</context>
</TS>
