Attribute VB_Name = "RibbonSkp"
Option Explicit

' One callback for every button of the SKP ribbon: it hands the button's id to
' skp_xl.addin.ribbon.dispatch in Python, so a new button needs only ribbon.xml and
' Python. The module is not named SkpRibbon: Excel does not find a callback whose
' name is also the name of a module.
Public Sub SkpRibbon(control As IRibbonControl)
    RunPython "import skp_xl.addin.ribbon as r; r.dispatch('" & control.Id & "')"
End Sub
