"""Drive QualCoder headless: import a .qdpx as a new project, count what arrived, run the coder comparison."""
import os, sys, sqlite3, traceback
os.environ.setdefault('QT_QPA_PLATFORM', 'offscreen')
qdpx, proj = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.environ.get('QUALCODER_SRC', '/tmp/qc/src/src'))
# The AI features need torch-sized packages; the REFI import and the reports do not use them.
import importlib.abc, importlib.machinery, types
from unittest.mock import MagicMock
class Stub(importlib.abc.MetaPathFinder, importlib.abc.Loader):
    roots = {'faiss', 'sentence_transformers', 'transformers', 'torch'}
    def find_spec(self, name, path, target=None):
        return importlib.machinery.ModuleSpec(name, self, is_package=True) if name.split('.')[0] in self.roots else None
    def create_module(self, spec):
        m = MagicMock(); m.__path__ = []; m.__name__ = spec.name; m.__spec__ = spec; return m
    def exec_module(self, module): pass
sys.meta_path.append(Stub())
from PyQt6 import QtWidgets
app = QtWidgets.QApplication([])
QtWidgets.QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (proj, 'x'))
QtWidgets.QFileDialog.getOpenFileName = staticmethod(lambda *a, **k: (qdpx, '(*.qdpx)'))
QtWidgets.QMessageBox.exec = lambda self: print('MESSAGE:', self.windowTitle(), '|', self.text()[:300]) or 0
QtWidgets.QDialog.exec = lambda self: 0
from qualcoder import __main__ as qm
from qualcoder.reports import DialogReportCoderComparisons
qa = qm.App()
qa.settings['ai_enable'] = 'False'
w = qm.MainWindow(qa)
try:
    w.refi_project_import()
except Exception:
    traceback.print_exc()

print('project', w.app.project_path)
db = os.path.join(proj + '.qda', 'data.qda')
c = sqlite3.connect(db)
q = lambda s: c.execute(s).fetchall()
print('sources', q('select count(*) from source')[0][0])
print('codes', q('select count(*) from code_name')[0][0])
print('codings per coder', q('select owner, count(*) from code_text group by owner'))
print('coding memos (non-empty)', q("select owner, count(*) from code_text where memo is not null and memo != '' group by owner"))
print('source memos', q("select count(*) from source where memo is not null and memo != ''")[0][0])
print('annotations', q('select count(*) from annotation')[0][0])
print('journals', q('select count(*) from journal')[0][0])
print('cases', q('select count(*) from cases')[0][0], 'case-source links', q('select count(*) from case_text')[0][0])
print('source names', [r[0] for r in q('select name from source order by name limit 4')])
coders = [r[0] for r in q('select distinct owner from code_text order by owner')]
print('coders', coders)
if len(coders) >= 2:
    w.app.conn = c
    d = DialogReportCoderComparisons(w.app, w.ui.textEdit)
    print('comparison dialog coders', d.coders)
    a, b = sys.argv[3], sys.argv[4]
    d.ui.comboBox_coders.setCurrentText(a)
    d.ui.comboBox_coders.setCurrentText(b)
    print('selected', d.selected_coders)
    try:
        d.calculate_statistics()
    except Exception:
        traceback.print_exc()
    print(d.text_data[:2500] if hasattr(d, 'text_data') else 'no statistics')
print('coding memos', q("select owner, memo, (select name from source where id=fid) from code_text where memo != ''"))
print('code_text sample', q("select owner, (select name from source where id=fid), pos0, pos1, date from code_text where owner != 'rapport' order by owner, fid"))
# Back out: QualCoder's own REFI-QDA export of what it imported (into the folder of argv[5]).
if len(sys.argv) > 5:
    from qualcoder.refi import RefiExport
    QtWidgets.QFileDialog.getExistingDirectory = staticmethod(lambda *a, **k: sys.argv[5])
    try:
        RefiExport(w.app, w.ui.textEdit, "project")
    except Exception:
        traceback.print_exc()
    print('exported', sorted(os.listdir(sys.argv[5])))
