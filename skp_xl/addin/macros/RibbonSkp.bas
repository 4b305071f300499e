Attribute VB_Name = "RibbonSkp"
Option Explicit

' One callback for every button of the SKP ribbon: it hands the button's id to
' skp_xl.addin.ribbon.dispatch in Python, so a new button needs only ribbon.xml and
' Python. The module is not named SkpRibbon: Excel does not find a callback whose
' name is also the name of a module.
Public Sub SkpRibbon(control As IRibbonControl)
    SkpTombol control.Id
End Sub

' What a click on the button with this id does. Public, so that a test driving Excel
' (tests/addin/test_excel.py) takes the path a click takes: Application.Run cannot
' hand over an IRibbonControl.
Public Sub SkpTombol(ByVal id As String)
    RunPython "import skp_xl.addin.ribbon as r; r.dispatch('" & id & "')"
End Sub

' The ribbon's onLoad: Excel calls it when it loads the SKP tab, that is when the
' add-in opens. It registers the worksheet functions' wizard help (SkpBantuan); when
' Excel refuses, as it does while it shows no workbook window, ThisWorkbook tries again
' once a workbook is activated. Not the workbook's Open event: code run by that event
' is what macro scanners flag, and this add-in is scanned like xlwings' own (test_build).
Public Sub SkpRibbonDimuat(ribbon As IRibbonUI)
    If Not DaftarkanBantuanFungsi() Then ThisWorkbook.TungguBukuKerja
End Sub
